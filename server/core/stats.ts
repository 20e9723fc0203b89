// Descriptive statistics that ignore NaN, and a time-windowed rolling median for smoothing.

/** Median of the finite values (NaN when there are none). */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile of the finite values (NaN when there are none). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const finite = finiteCopy(values);
  const n = finite.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const a = select(finite, lo);
  if (pos === lo) return a;
  // After selecting lo, everything right of it is ≥ it: the next order statistic is their minimum.
  let b = Number.POSITIVE_INFINITY;
  for (let i = lo + 1; i < n; i++) if ((finite[i] as number) < b) b = finite[i] as number;
  return a + (b - a) * (pos - lo);
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}

// One scratch buffer reused by every quantile: medians of long runs are the hot path, and garbage is the cost.
let scratch = new Float64Array(4096);

function finiteCopy(values: ArrayLike<number>): Float64Array {
  if (scratch.length < values.length) scratch = new Float64Array(values.length * 2);
  const out = scratch;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n);
}

/** The k-th smallest value (Hoare quickselect, in place): O(n) where sorting a long run would be O(n log n). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const x = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = x;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/**
 * Centred rolling median over a time window: sample i gets the median of the finite values whose
 * time lies within ±windowS/2 of its own. Times must be ascending.
 */
export function rollingMedian(
  values: ArrayLike<number>,
  timeS: ArrayLike<number>,
  windowS: number,
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const half = windowS / 2;
  // The window's finite values, kept sorted: windows are a few dozen samples, so a shift beats a heap.
  let window = new Float64Array(64);
  let size = 0;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const t = timeS[i] as number;
    while (hi < n && (timeS[hi] as number) <= t + half) {
      const v = values[hi++] as number;
      if (!Number.isFinite(v)) continue;
      if (size === window.length) {
        const grown = new Float64Array(size * 2);
        grown.set(window);
        window = grown;
      }
      // After the last value ≤ v (the first one > v), as a linear scan from the end would put it.
      const k = upperBound(window, size, v);
      for (let j = size; j > k; j--) window[j] = window[j - 1] as number;
      window[k] = v;
      size++;
    }
    while (lo < hi && (timeS[lo] as number) < t - half) {
      const v = values[lo++] as number;
      if (!Number.isFinite(v)) continue;
      // The first value equal to v (=== like indexOf, so −0 and 0 match): the lower bound.
      const k = lowerBound(window, size, v);
      if (k < size && window[k] === v) {
        for (let j = k; j < size - 1; j++) window[j] = window[j + 1] as number;
        size--;
      }
    }
    if (size === 0) out[i] = Number.NaN;
    else {
      const mid = size >> 1;
      out[i] =
        size % 2 === 1
          ? (window[mid] as number)
          : ((window[mid - 1] as number) + (window[mid] as number)) / 2;
    }
  }
  return out;
}

/** First index in sorted[0, size) whose value is > v. */
function upperBound(sorted: Float64Array, size: number, v: number): number {
  let a = 0;
  let b = size;
  while (a < b) {
    const m = (a + b) >> 1;
    if ((sorted[m] as number) > v) b = m;
    else a = m + 1;
  }
  return a;
}

/** First index in sorted[0, size) whose value is not < v. */
function lowerBound(sorted: Float64Array, size: number, v: number): number {
  let a = 0;
  let b = size;
  while (a < b) {
    const m = (a + b) >> 1;
    if ((sorted[m] as number) < v) a = m + 1;
    else b = m;
  }
  return a;
}

/** Median of values weighted by `weights` (ties broken toward the lower value). */
export function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  const idx = values.map((_, i) => i).filter((i) => Number.isFinite(values[i]) && (weights[i] ?? 0) > 0);
  if (idx.length === 0) return Number.NaN;
  idx.sort((a, b) => (values[a] as number) - (values[b] as number));
  const total = idx.reduce((s, i) => s + (weights[i] as number), 0);
  let acc = 0;
  for (const i of idx) {
    acc += weights[i] as number;
    if (acc >= total / 2) return values[i] as number;
  }
  return values[idx[idx.length - 1] as number] as number;
}
