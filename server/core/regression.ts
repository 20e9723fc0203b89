// Robust polynomial regression: Huber IRLS on weighted points, with optional ridge priors on coefficients.

export interface FitPoint {
  x: number;
  y: number;
  /** Prior weight (e.g. seconds of running the point stands for). */
  w: number;
}

/** A ridge prior pulling coefficient `index` (0 = intercept, 1 = slope, 2 = curvature) toward `target`. */
export interface CoefficientPrior {
  index: number;
  target: number;
  /** Penalty weight, in the same units as the sum of point weights × x-variance. */
  strength: number;
}

export interface RobustFit {
  /** Coefficients of y = c0 + c1·(x − centre) + c2·(x − centre)² (length = degree + 1). */
  coefficients: number[];
  centre: number;
  /** Robust residual scale (1.4826 × weighted MAD). */
  scale: number;
}

const HUBER_K = 1.345;

/** Fits y on x (degree 1 or 2) by Huber-weighted IRLS, x centred on its weighted mean. */
export function huberFit(
  points: readonly FitPoint[],
  degree: 1 | 2,
  priors: readonly CoefficientPrior[] = [],
): RobustFit {
  const totalW = points.reduce((s, p) => s + p.w, 0);
  const centre = points.reduce((s, p) => s + p.w * p.x, 0) / totalW;
  let robustW = points.map(() => 1);
  let coefficients = solveWeighted(points, centre, degree, robustW, priors);
  let scale = 0;
  for (let iter = 0; iter < 30; iter++) {
    const residuals = points.map((p) => p.y - evaluate(coefficients, p.x - centre));
    scale = 1.4826 * weightedAbsMedian(residuals, points);
    if (!(scale > 1e-9)) break;
    robustW = residuals.map((r) => Math.min(1, (HUBER_K * scale) / Math.max(Math.abs(r), 1e-12)));
    const next = solveWeighted(points, centre, degree, robustW, priors);
    const change = Math.max(...next.map((c, i) => Math.abs(c - (coefficients[i] as number))));
    coefficients = next;
    if (change < 1e-6) break;
  }
  return { coefficients, centre, scale };
}

/** c0 + c1·dx + c2·dx². */
export function evaluate(coefficients: readonly number[], dx: number): number {
  return (coefficients[0] ?? 0) + (coefficients[1] ?? 0) * dx + (coefficients[2] ?? 0) * dx * dx;
}

function solveWeighted(
  points: readonly FitPoint[],
  centre: number,
  degree: 1 | 2,
  robustW: readonly number[],
  priors: readonly CoefficientPrior[],
): number[] {
  const k = degree + 1;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  points.forEach((p, i) => {
    const w = p.w * (robustW[i] ?? 1);
    const dx = p.x - centre;
    const row = degree === 1 ? [1, dx] : [1, dx, dx * dx];
    for (let r = 0; r < k; r++) {
      xty[r] = (xty[r] as number) + w * (row[r] as number) * p.y;
      for (let c = 0; c < k; c++)
        (xtx[r] as number[])[c] =
          ((xtx[r] as number[])[c] as number) + w * (row[r] as number) * (row[c] as number);
    }
  });
  for (const prior of priors) {
    if (prior.index >= k) continue;
    (xtx[prior.index] as number[])[prior.index] =
      ((xtx[prior.index] as number[])[prior.index] as number) + prior.strength;
    xty[prior.index] = (xty[prior.index] as number) + prior.strength * prior.target;
  }
  return solveLinear(xtx, xty);
}

/** Gaussian elimination with partial pivoting for a small dense system. */
function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const div = m[col]![col]!;
    if (Math.abs(div) < 1e-12)
      return new Array<number>(n).fill(0).map((_, i) => (i === 0 ? (b[0] ?? 0) / (a[0]?.[0] || 1) : 0));
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / div;
      for (let c = col; c <= n; c++) m[r]![c] = m[r]![c]! - f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function weightedAbsMedian(residuals: readonly number[], points: readonly FitPoint[]): number {
  const order = residuals.map((r, i) => ({ r: Math.abs(r), w: points[i]?.w ?? 0 })).sort((x, y) => x.r - y.r);
  const total = order.reduce((s, o) => s + o.w, 0);
  let acc = 0;
  for (const o of order) {
    acc += o.w;
    if (acc >= total / 2) return o.r;
  }
  return 0;
}
