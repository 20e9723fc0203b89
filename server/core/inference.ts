// Small-sample inference for 2×2 tables: Wilson intervals, risk ratios, Fisher's exact test, Holm.

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Proportion {
  /** Events / total (NaN when total is 0). */
  p: number;
  lo: number;
  hi: number;
}

/** Wilson score 95% interval for k events in n trials (Agresti & Coull 1998). */
export function wilsonInterval(k: number, n: number, z = Z95): Proportion {
  if (n === 0) return { p: Number.NaN, lo: 0, hi: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

export interface RiskRatio {
  rr: number;
  lo: number;
  hi: number;
  /** True when 0.5 was added to every cell because one was zero. */
  corrected: boolean;
}

/**
 * Risk ratio (a/(a+b)) / (c/(c+d)) with a log-method 95% CI; adds 0.5 to each cell when one is zero.
 * a = exposed with event, b = exposed without, c = unexposed with event, d = unexposed without.
 */
export function riskRatio(a: number, b: number, c: number, d: number): RiskRatio | null {
  if (a + b === 0 || c + d === 0) return null;
  const corrected = a === 0 || b === 0 || c === 0 || d === 0;
  const [a1, b1, c1, d1] = corrected ? [a + 0.5, b + 0.5, c + 0.5, d + 0.5] : [a, b, c, d];
  const rr = a1 / (a1 + b1) / (c1 / (c1 + d1));
  const se = Math.sqrt(1 / a1 - 1 / (a1 + b1) + 1 / c1 - 1 / (c1 + d1));
  return { rr, lo: rr * Math.exp(-Z95 * se), hi: rr * Math.exp(Z95 * se), corrected };
}

const logFactorials: number[] = [0];

function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials[i] = (logFactorials[i - 1] as number) + Math.log(i);
  return logFactorials[n] as number;
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * Fisher's exact test, two-sided, for the table [[a, b], [c, d]]: sums the hypergeometric
 * probabilities no larger than the observed one (as R's fisher.test does, with its 1e-7 tolerance).
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const total = a + b + c + d;
  const lo = Math.max(0, col1 - (total - row1));
  const hi = Math.min(row1, col1);
  const logDenominator = logChoose(total, col1);
  const prob = (x: number): number =>
    Math.exp(logChoose(row1, x) + logChoose(total - row1, col1 - x) - logDenominator);
  const observed = prob(a);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const px = prob(x);
    if (px <= observed * (1 + 1e-7)) p += px;
  }
  return Math.min(1, p);
}

/** Holm's step-down adjustment: adjusted p-values in the input order (NaN stays NaN and is not counted). */
export function holm(pValues: readonly number[]): number[] {
  const indexed = pValues.map((p, i) => ({ p, i })).filter((x) => Number.isFinite(x.p));
  indexed.sort((x, y) => x.p - y.p);
  const m = indexed.length;
  const out = pValues.map(() => Number.NaN);
  let running = 0;
  indexed.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Approximate power of a two-sided 5% test to detect a risk ratio `rr` with these group sizes and
 * baseline risk (normal approximation on log RR). science.md §5: 30% flagged, 20% baseline, RR 3 →
 * about 70% at 40 runs, 85–88% at 60.
 */
export function powerForRiskRatio(flagged: number, unflagged: number, baselineRisk: number, rr = 3): number {
  if (flagged === 0 || unflagged === 0) return 0;
  const p0 = Math.min(Math.max(baselineRisk, 0.01), 0.99);
  const p1 = Math.min(p0 * rr, 0.99);
  const se = Math.sqrt((1 - p1) / (flagged * p1) + (1 - p0) / (unflagged * p0));
  return normalCdf(Math.abs(Math.log(p1 / p0)) / se - Z95);
}
