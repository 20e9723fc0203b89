import { Z95 } from "./inference.ts";

/** One stratum's 2×2 table: a exposed with event, b exposed without, c unexposed with, d unexposed without. */
export interface Stratum {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface PooledRiskRatio {
  rr: number;
  lo: number;
  hi: number;
}

/**
 * Mantel–Haenszel risk ratio across strata with the Greenland–Robins (1985) variance of its log:
 * RR = Σ a·n0/N ÷ Σ c·n1/N. Null when either sum is 0 (no event on one side in any stratum).
 */
export function mantelHaenszelRiskRatio(strata: readonly Stratum[]): PooledRiskRatio | null {
  let r = 0;
  let s = 0;
  let v = 0;
  for (const { a, b, c, d } of strata) {
    const n1 = a + b;
    const n0 = c + d;
    const n = n1 + n0;
    if (n1 === 0 || n0 === 0) continue;
    r += (a * n0) / n;
    s += (c * n1) / n;
    v += (n1 * n0 * (a + c) - a * c * n) / (n * n);
  }
  if (r === 0 || s === 0) return null;
  const rr = r / s;
  const se = Math.sqrt(v / (r * s));
  return { rr, lo: rr * Math.exp(-Z95 * se), hi: rr * Math.exp(Z95 * se) };
}
