import { SeededStream } from "./random.ts";

/** One eligible run as the permutation guard sees it. */
export interface PermutationRow {
  week: string;
  flagged: boolean;
  pain: boolean;
}

/**
 * Shuffles flags within each week (keeping each week's flagged count), `permutations` times, each
 * shuffle starting from the last one's order: P(flagged-with-pain ≥ observed), one-sided, as (1 + k) / (1 + n).
 * Weeks come in first-seen order and each is a Fisher–Yates shuffle drawing from seededRandom(seed)'s stream.
 */
export function blockPermutationP(
  rows: readonly PermutationRow[],
  observed: number,
  permutations: number,
  seed: number,
): number {
  const weeks = new Map<string, PermutationRow[]>();
  for (const r of rows) {
    const week = weeks.get(r.week);
    if (week) week.push(r);
    else weeks.set(r.week, [r]);
  }
  const flags = new Uint8Array(rows.length);
  const pains = new Uint8Array(rows.length);
  // Weeks whose count can change; the others (no pain, or every flag alike) add a constant and only
  // use up their draws, which are skipped: liveSkip[w] draws before live week w, tailSkip after the last.
  const liveStart: number[] = [];
  const liveLength: number[] = [];
  const liveSkip: number[] = [];
  let skip = 0;
  let constant = 0;
  let at = 0;
  for (const week of weeks.values()) {
    let flagged = 0;
    let painful = 0;
    let both = 0;
    for (let i = 0; i < week.length; i++) {
      const r = week[i] as PermutationRow;
      flags[at + i] = r.flagged ? 1 : 0;
      pains[at + i] = r.pain ? 1 : 0;
      if (r.flagged) flagged++;
      if (r.pain) painful++;
      if (r.flagged && r.pain) both++;
    }
    if (painful === 0 || flagged === 0 || flagged === week.length) {
      constant += both;
      skip += week.length - 1;
    } else {
      liveStart.push(at);
      liveLength.push(week.length);
      liveSkip.push(skip);
      skip = 0;
    }
    at += week.length;
  }
  const tailSkip = skip;
  const random = new SeededStream(seed);
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    let a = constant;
    for (let w = 0; w < liveSkip.length; w++) {
      random.skip(liveSkip[w] as number);
      const start = liveStart[w] as number;
      const length = liveLength[w] as number;
      // Fisher–Yates as shuffleInPlace does it; slot i is final once swapped, so it is counted there.
      for (let i = length - 1; i > 0; i--) {
        const j = start + Math.floor(random.next() * (i + 1));
        const f = flags[start + i] as number;
        flags[start + i] = flags[j] as number;
        flags[j] = f;
        a += (flags[start + i] as number) & (pains[start + i] as number);
      }
      a += (flags[start] as number) & (pains[start] as number);
    }
    random.skip(tailSkip);
    if (a >= observed) atLeast++;
  }
  return (1 + atLeast) / (1 + permutations);
}
