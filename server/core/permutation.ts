/** One eligible run as the permutation guard sees it. */
export interface PermutationRow {
  week: string;
  flagged: boolean;
  pain: boolean;
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials[i] = (logFactorials[i - 1] as number) + Math.log(i);
  return logFactorials[n] as number;
}
const logChoose = (n: number, k: number): number => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/** P(X = x) for x = lo..hi, X the flagged-with-pain count of a week of `size` runs, `flagged` flagged, `pain` painful. */
function hypergeometric(size: number, flagged: number, pain: number): { lo: number; probs: number[] } {
  const lo = Math.max(0, flagged + pain - size);
  const hi = Math.min(flagged, pain);
  const denominator = logChoose(size, flagged);
  const probs: number[] = [];
  for (let x = lo; x <= hi; x++)
    probs.push(Math.exp(logChoose(pain, x) + logChoose(size - pain, flagged - x) - denominator));
  return { lo, probs };
}

/**
 * The exact p of the within-week permutation test: flags shuffled within each week (each week keeping its
 * flagged count), P(flagged-with-pain ≥ observed), one-sided. Each week's count is hypergeometric and the weeks
 * are independent, so the total's distribution is their convolution: deterministic, and O(runs × flagged).
 */
export function withinWeekPermutationP(rows: readonly PermutationRow[], observed: number): number {
  const weeks = new Map<string, { size: number; flagged: number; pain: number }>();
  for (const r of rows) {
    const w = weeks.get(r.week) ?? { size: 0, flagged: 0, pain: 0 };
    w.size++;
    if (r.flagged) w.flagged++;
    if (r.pain) w.pain++;
    weeks.set(r.week, w);
  }
  let offset = 0;
  let dist = [1];
  for (const w of weeks.values()) {
    const { lo, probs } = hypergeometric(w.size, w.flagged, w.pain);
    offset += lo;
    if (probs.length === 1) continue;
    const next = new Array<number>(dist.length + probs.length - 1).fill(0);
    for (let i = 0; i < dist.length; i++) {
      const di = dist[i] as number;
      if (di === 0) continue;
      for (let j = 0; j < probs.length; j++)
        next[i + j] = (next[i + j] as number) + di * (probs[j] as number);
    }
    dist = next;
  }
  let p = 0;
  for (let k = Math.max(0, observed - offset); k < dist.length; k++) p += dist[k] as number;
  // Rounding can leave the sum a hair above 1 (or the observed count's own mass a hair short): clamp.
  return Math.min(1, Math.max(0, p));
}
