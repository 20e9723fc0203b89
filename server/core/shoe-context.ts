// Pain after runs per shoe: exploratory context only, never a hypothesis tested like spikes or cadence.

export interface ShoeRun {
  shoeId: number | null;
  /** Counts in the pain comparison (started pain-free, covered by the log). */
  eligible: boolean;
  painEvent: boolean;
}

export interface ShoePainRow {
  shoeId: number | null;
  runs: number;
  eligibleRuns: number;
  runsFollowedByPain: number;
}

/** Per shoe (null: no shoe), how many runs the pain log covers and how many were followed by pain. */
export function painByShoe(runs: readonly ShoeRun[]): ShoePainRow[] {
  const rows = new Map<number | null, ShoePainRow>();
  for (const r of runs) {
    const row = rows.get(r.shoeId) ?? { shoeId: r.shoeId, runs: 0, eligibleRuns: 0, runsFollowedByPain: 0 };
    row.runs++;
    if (r.eligible) {
      row.eligibleRuns++;
      if (r.painEvent) row.runsFollowedByPain++;
    }
    rows.set(r.shoeId, row);
  }
  return [...rows.values()].sort((a, b) => b.runs - a.runs);
}
