import { fisherExact, riskRatio, type RiskRatio } from "./inference.ts";
import { withinWeekPermutationP, type PermutationRow } from "./permutation.ts";
import type { Thresholds } from "./thresholds.ts";

// The verdict rule of science.md §5 on one 2×2 table, shared by the correlation and the power simulation.

export type Verdict = "linked" | "no_clear_link" | "not_enough_data";

/** The table's cells: a flagged with pain, b flagged without, c unflagged with, d unflagged without. */
export type Cells = [number, number, number, number];

export function cellsOf(rows: readonly PermutationRow[]): Cells {
  const cells: Cells = [0, 0, 0, 0];
  for (const r of rows) cells[r.flagged ? (r.pain ? 0 : 1) : r.pain ? 2 : 3]++;
  return cells;
}

/** Raw two-sided Fisher p, or NaN when a group is empty. */
export function rawP([a, b, c, d]: Cells): number {
  return a + b > 0 && c + d > 0 ? fisherExact(a, b, c, d) : Number.NaN;
}

/** The minimum-data rule: enough eligible, flagged, unflagged, painful and pain-free runs. */
export function enoughData([a, b, c, d]: Cells, t: Thresholds): boolean {
  return (
    a + b + c + d >= t.minEligibleRuns &&
    a + b >= t.minFlaggedRuns &&
    c + d >= t.minUnflaggedRuns &&
    a + c >= t.minPainEvents &&
    b + d >= t.minPainFreeRuns
  );
}

/** The RR with its CI; null when no run (or every run) was followed by pain. */
export function ratioOf([a, b, c, d]: Cells): RiskRatio | null {
  return a + c > 0 && b + d > 0 ? riskRatio(a, b, c, d) : null;
}

/** Do the counts alone pass: CI lower bound > 1 and the adjusted Fisher p < alpha. */
export function countsPass(cells: Cells, adjustedP: number | null, t: Thresholds): boolean {
  const rr = ratioOf(cells);
  return rr !== null && rr.lo > 1 && adjustedP !== null && adjustedP < t.alpha;
}

export interface VerdictOutcome {
  verdict: Verdict;
  /** Exact within-week permutation p (null when the table has no pain, no flag or no unflagged run). */
  permutationP: number | null;
}

/** linked = enough data, the counts pass, and the within-week permutation p < alpha; else no_clear_link. */
export function verdictOf(
  rows: readonly PermutationRow[],
  cells: Cells,
  adjustedP: number | null,
  t: Thresholds,
): VerdictOutcome {
  const [a, b, c, d] = cells;
  const permutationP = a + b > 0 && c + d > 0 && a + c > 0 ? withinWeekPermutationP(rows, a) : null;
  if (!enoughData(cells, t)) return { verdict: "not_enough_data", permutationP };
  const linked = countsPass(cells, adjustedP, t) && permutationP !== null && permutationP < t.alpha;
  return { verdict: linked ? "linked" : "no_clear_link", permutationP };
}
