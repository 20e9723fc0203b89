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
  const window: SortedWindow = { values: new Float64Array(64), base: 16, size: 0 };
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const t = timeS[i] as number;
    const firstIn = hi;
    while (hi < n && (timeS[hi] as number) <= t + half) hi++;
    const firstOut = lo;
    while (lo < hi && (timeS[lo] as number) < t - half) lo++;
    // At a steady sample rate one value enters and one leaves: one pass over the window instead of two.
    const steady = hi - firstIn === 1 && lo - firstOut === 1 && firstOut < firstIn;
    if (!steady || !replace(window, values[firstOut] as number, values[firstIn] as number)) {
      for (let j = firstIn; j < hi; j++) insert(window, values[j] as number);
      for (let j = firstOut; j < lo; j++) remove(window, values[j] as number);
    }
    const { values: s, base, size } = window;
    const mid = base + (size >> 1);
    out[i] =
      size === 0
        ? Number.NaN
        : size % 2 === 1
          ? (s[mid] as number)
          : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  }
  return out;
}

/**
 * The finite values of a window, ascending, at values[base, base + size). Room on both sides lets a value leave
 * at one end while another enters at the other (a steady rise or fall) without moving the values between.
 */
interface SortedWindow {
  values: Float64Array;
  base: number;
  size: number;
}

/** Moves the values to a quarter of the way in, in a buffer twice as long if they fill half of it. */
function recentre(window: SortedWindow): void {
  const { values: s, base, size } = window;
  const target = size * 2 > s.length ? new Float64Array(s.length * 2) : s;
  const at = target.length >> 2;
  if (target === s) s.copyWithin(at, base, base + size);
  else target.set(s.subarray(base, base + size), at);
  window.values = target;
  window.base = at;
}

/** Inserts v after every value ≤ v (NaN and infinities are not kept). */
function insert(window: SortedWindow, v: number): void {
  if (!Number.isFinite(v)) return;
  if (window.base + window.size === window.values.length) recentre(window);
  const { values: s, base } = window;
  let k = window.size;
  while (k > 0 && (s[base + k - 1] as number) > v) {
    s[base + k] = s[base + k - 1] as number;
    k--;
  }
  s[base + k] = v;
  window.size++;
}

/**
 * Index of the first of the values s[from, to) ≥ v (v finite), as a scan from `from` finds it (−0 and 0 alike):
 * scanned from the nearer end, as the values kept are sorted and never NaN.
 */
function lowerBound(s: Float64Array, from: number, to: number, v: number): number {
  if (to > from && v > (s[(from + to) >> 1] as number)) {
    let k = to - 1;
    while ((s[k] as number) >= v) k--;
    return k + 1;
  }
  let k = from;
  while (k < to && (s[k] as number) < v) k++;
  return k;
}

/** Removes the first value === v (so −0 and 0 match, as indexOf does). */
function remove(window: SortedWindow, v: number): void {
  if (!Number.isFinite(v)) return;
  const { values: s, base, size } = window;
  const end = base + size;
  const at = lowerBound(s, base, end, v);
  if (at === end || s[at] !== v) return;
  for (let j = at + 1; j < end; j++) s[j - 1] = s[j] as number;
  window.size = size - 1;
}

/**
 * insert(vIn) then remove(vOut) in one pass, to the same values (down to which of −0 and 0 sits where): the
 * old first value === vOut goes and vIn lands after every value ≤ it. False, window untouched, otherwise.
 */
function replace(window: SortedWindow, vOut: number, vIn: number): boolean {
  if (!Number.isFinite(vIn) || !Number.isFinite(vOut)) return false;
  const { values: s, base, size } = window;
  const end = base + size;
  let at = lowerBound(s, base, end, vOut);
  if (at === end || s[at] !== vOut) return false;
  const k = at - base;
  if (vIn >= vOut) {
    if (vIn >= (s[end - 1] as number)) {
      if (k < size >> 1) return slideUp(window, k, vIn);
      // A new maximum moves every value past vOut's: one block copy does it.
      if (end - at > 9) {
        s.copyWithin(at, at + 1, end);
        at = end - 1;
      }
    }
    while (at + 1 < end && (s[at + 1] as number) <= vIn) {
      s[at] = s[at + 1] as number;
      at++;
    }
  } else {
    if (vIn < (s[base] as number)) {
      if (k >= size >> 1) return slideDown(window, k, vIn);
      if (at - base > 8) {
        s.copyWithin(base + 1, base, at);
        at = base;
      }
    }
    while (at > base && (s[at - 1] as number) > vIn) {
      s[at] = s[at - 1] as number;
      at--;
    }
  }
  s[at] = vIn;
  return true;
}

/** vIn is a new maximum, vOut low in the window: the values below vOut's move up one, the window with them. */
function slideUp(window: SortedWindow, k: number, vIn: number): true {
  if (window.base + window.size === window.values.length) recentre(window);
  const { values: s, base, size } = window;
  if (k > 8) s.copyWithin(base + 1, base, base + k);
  else for (let j = base + k; j > base; j--) s[j] = s[j - 1] as number;
  s[base + size] = vIn;
  window.base = base + 1;
  return true;
}

/** vIn is a new minimum, vOut high in the window: the values above vOut's move down one, the window with them. */
function slideDown(window: SortedWindow, k: number, vIn: number): true {
  if (window.base === 0) recentre(window);
  const { values: s, base, size } = window;
  const end = base + size - 1;
  if (end - (base + k) > 8) s.copyWithin(base + k, base + k + 1, base + size);
  else for (let j = base + k; j < end; j++) s[j] = s[j + 1] as number;
  s[base - 1] = vIn;
  window.base = base - 1;
  return true;
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
