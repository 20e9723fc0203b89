import { seededRandom } from "./random.ts";

/** One eligible run as the permutation guard sees it. */
export interface PermutationRow {
  week: string;
  flagged: boolean;
  pain: boolean;
}

/**
 * Shuffles flags within each week (keeping each week's flagged count), `permutations` times, each
 * shuffle starting from the last one's order: P(flagged-with-pain ≥ observed), one-sided, as (1 + k) / (1 + n).
 * Weeks come in first-seen order and each is a Fisher–Yates shuffle drawing from one seeded stream.
 */
export function blockPermutationP(
  rows: readonly PermutationRow[],
  observed: number,
  permutations: number,
  seed: number,
): number {
  const random = seededRandom(seed);
  const weeks = new Map<string, PermutationRow[]>();
  for (const r of rows) {
    const week = weeks.get(r.week);
    if (week) week.push(r);
    else weeks.set(r.week, [r]);
  }
  const flags = new Uint8Array(rows.length);
  const pains = new Uint8Array(rows.length);
  const starts = new Int32Array(weeks.size + 1);
  // A week whose count cannot change (no pain, or every flag alike) still draws its numbers, and adds a constant.
  const fixed = new Uint8Array(weeks.size);
  let constant = 0;
  let b = 0;
  for (const week of weeks.values()) {
    const start = starts[b] as number;
    let flagged = 0;
    let painful = 0;
    let both = 0;
    for (let i = 0; i < week.length; i++) {
      const r = week[i] as PermutationRow;
      flags[start + i] = r.flagged ? 1 : 0;
      pains[start + i] = r.pain ? 1 : 0;
      if (r.flagged) flagged++;
      if (r.pain) painful++;
      if (r.flagged && r.pain) both++;
    }
    if (painful === 0 || flagged === 0 || flagged === week.length) {
      fixed[b] = 1;
      constant += both;
    }
    starts[++b] = start + week.length;
  }
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    let a = constant;
    for (let w = 0; w < weeks.size; w++) {
      const start = starts[w] as number;
      const length = (starts[w + 1] as number) - start;
      if (fixed[w] === 1) {
        for (let i = length - 1; i > 0; i--) random();
        continue;
      }
      // Fisher–Yates as shuffleInPlace does it; slot i is final once swapped, so it is counted there.
      for (let i = length - 1; i > 0; i--) {
        const j = start + Math.floor(random() * (i + 1));
        const f = flags[start + i] as number;
        flags[start + i] = flags[j] as number;
        flags[j] = f;
        a += (flags[start + i] as number) & (pains[start + i] as number);
      }
      a += (flags[start] as number) & (pains[start] as number);
    }
    if (a >= observed) atLeast++;
  }
  return (1 + atLeast) / (1 + permutations);
}
