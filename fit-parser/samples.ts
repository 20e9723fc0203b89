import { MAX_SPM, MIN_SPM, scaleOfCounts } from "./cadence.ts";
import type { CadenceScale } from "./cadence.ts";
import { COL, RECORD_COLUMNS, isNeverWritten } from "./decoder/columns.ts";
import type { RecordColumnName, RecordColumns } from "./decoder/columns.ts";
import { PLAUSIBLE } from "./plausible.ts";
import type { Samples } from "./types.ts";
import { fitSecondsMs } from "./values.ts";

const SEMICIRCLE_TO_DEG = 180 / 2 ** 31;
/** Arrays kept from one call to the next grow only up to this many rows (a day of 1 s records is 86,400). */
const MAX_SHARED_ROWS = 1 << 17;

/** Columns for `count` samples; `fill` false leaves them zero for a caller that writes every element. */
export function emptySamples(count: number, fill = true): Samples {
  const nan64 = (): Float64Array => {
    const column = new Float64Array(count);
    return fill ? column.fill(Number.NaN) : column;
  };
  const nan32 = (): Float32Array => {
    const column = new Float32Array(count);
    return fill ? column.fill(Number.NaN) : column;
  };
  return {
    count,
    timeS: nan64(),
    distanceM: nan64(),
    speedMps: nan32(),
    cadenceSpm: nan32(),
    heartRateBpm: nan32(),
    altitudeM: nan32(),
    latDeg: nan64(),
    lonDeg: nan64(),
    stepLengthM: nan32(),
    verticalOscillationMm: nan32(),
    verticalRatioPct: nan32(),
    stanceTimeMs: nan32(),
  };
}

export interface SampleOptions {
  startMs: number;
  /** Convert cadence to steps/min (foot sports); otherwise cadenceSpm stays NaN. */
  footSport: boolean;
  /** Subtract the first distance seen (legs of a multisport file count from the start of the whole file). */
  rebaseDistance: boolean;
}

export interface BuiltSamples {
  samples: Samples;
  scale: CadenceScale;
  /** Distance values dropped because they went backwards. */
  distanceGlitches: number;
  /** Stored values outside their PLAUSIBLE range (NaN aside), counted as the columns are written. */
  implausible: number;
}

// Each column is written by one loop that also counts the values outside its plausible range; plausible.ts fixes
// them up only when there are some. A separate pass per column for the check cost as much as the building did.

/** The records at `rows` as columns of their own, in that order (only for files that needed sorting). */
function gather(r: RecordColumns, rows: Uint32Array): RecordColumns {
  // Rows of the columns hold no value the columns did not: the same columns may stray.
  const out: Record<string, Float64Array | number> = { count: rows.length, mayStray: r.mayStray };
  for (const name of RECORD_COLUMNS) {
    const src = r[name];
    const col = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = src[rows[i] as number] as number;
    out[name] = col;
  }
  return out as RecordColumns;
}

/**
 * out = col[a, a + n) as float32; returns how many stored values lie outside [lo, hi]. A column the decoder saw
 * stay within them (`asIs`) is copied natively, without a look at each value.
 */
function copyTo(
  out: Float32Array,
  col: Float64Array,
  a: number,
  asIs: boolean,
  lo: number,
  hi: number,
): number {
  if (isNeverWritten(col)) return nothing(out);
  const n = out.length;
  if (asIs) {
    out.set(col.subarray(a, a + n));
    return 0;
  }
  let outside = 0;
  for (let i = 0; i < n; i++) {
    // The check sees the value as stored: float32 rounds 60.000001 m/s to 60. NaN fails both comparisons.
    const v = Math.fround(col[a + i] as number);
    out[i] = v;
    if (v < lo || v > hi) outside++;
  }
  return outside;
}

/**
 * out = col[a, a + n) where positive, NaN elsewhere (0 stance time is a "no reading" placeholder); returns how
 * many stored values lie outside [lo, hi]. An `asIs` column (all positive and within) is copied as copyTo does.
 */
function positiveTo(
  out: Float32Array,
  col: Float64Array,
  a: number,
  asIs: boolean,
  lo: number,
  hi: number,
): number {
  if (asIs) return copyTo(out, col, a, true, lo, hi);
  if (isNeverWritten(col)) return nothing(out);
  const n = out.length;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const raw = col[a + i] as number;
    const v = raw > 0 ? Math.fround(raw) : Number.NaN;
    out[i] = v;
    if (v < lo || v > hi) outside++;
  }
  return outside;
}

/** Step lengths in m from mm, as positiveTo (a loop of its own: dividing every other column by 1 cost time). */
function stepLengthsTo(out: Float32Array, col: Float64Array, a: number, lo: number, hi: number): number {
  if (isNeverWritten(col)) return nothing(out);
  const n = out.length;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const mm = col[a + i] as number;
    const v = mm > 0 ? Math.fround(mm / 1000) : Number.NaN;
    out[i] = v;
    if (v < lo || v > hi) outside++;
  }
  return outside;
}

/** A column no record wrote: all NaN, nothing outside any range. */
function nothing(out: Float32Array | Float64Array): number {
  out.fill(Number.NaN);
  return 0;
}

function degreesTo(out: Float64Array, col: Float64Array, a: number, limit: number): void {
  if (isNeverWritten(col)) {
    nothing(out);
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const deg = (col[a + i] as number) * SEMICIRCLE_TO_DEG;
    out[i] = Number.isFinite(deg) && Math.abs(deg) <= limit ? deg : Number.NaN;
  }
}

/**
 * Distances, rebased when asked; a reading that goes backwards becomes NaN. Returns how many did, and how many
 * stored values lie outside [lo, hi].
 */
function distancesTo(
  out: Float64Array,
  col: Float64Array,
  a: number,
  rebase: boolean,
  lo: number,
  hi: number,
): { glitches: number; outside: number } {
  let firstDistance = Number.NaN;
  let lastDistance = Number.NEGATIVE_INFINITY;
  let glitches = 0;
  let outside = 0;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    let d = col[a + i] as number;
    if (!Number.isFinite(d)) {
      // Stored as read: NaN is no reading, an infinity is out of range.
      out[i] = d;
      if (d === d) outside++;
      continue;
    }
    if (rebase) {
      if (Number.isNaN(firstDistance)) firstDistance = d;
      d -= firstDistance;
    }
    if (d < lastDistance) {
      glitches++;
      out[i] = Number.NaN;
      continue;
    }
    lastDistance = d;
    out[i] = d;
    if (d < lo || d > hi) outside++;
  }
  return { glitches, outside };
}

// Raw cadence between the two passes, kept from one call to the next rather than allocated per activity.
let rawScratch = new Float64Array(4096);

/**
 * Steps/min for foot sports, NaN otherwise; the scale comes from the median of the moving raw values. Returns
 * the scale and how many stored values lie outside [lo, hi].
 */
function cadenceTo(
  out: Float32Array,
  r: RecordColumns,
  a: number,
  footSport: boolean,
  lo: number,
  hi: number,
): { scale: CadenceScale; outside: number } {
  // Only foot sports use the scale: summaries of other sports have no cadence.
  if (!footSport) return { scale: 2, outside: nothing(out) };
  const n = out.length;
  if (rawScratch.length < n && n <= MAX_SHARED_ROWS) rawScratch = new Float64Array(n);
  const raw = rawScratch.length >= n ? rawScratch : new Float64Array(n);
  const { cadence, fractionalCadence, cadence256 } = r;
  let moving = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    const j = a + i;
    // rawCadence with its checks as comparisons (each false for NaN): a finite whole below 255, plus a fraction
    // in [0, 1); else cadence256 when finite and below 255.
    const whole = cadence[j] as number;
    let v: number;
    if (whole < 255 && whole > Number.NEGATIVE_INFINITY) {
      const frac = fractionalCadence[j] as number;
      v = frac >= 0 && frac < 1 ? whole + frac : whole;
    } else {
      const fine = cadence256[j] as number;
      v = fine < 255 && fine > Number.NEGATIVE_INFINITY ? fine : Number.NaN;
    }
    raw[i] = v;
    if (v > 0) {
      moving++;
      if (v < 125) below++;
    }
  }
  const scale = scaleOfCounts(moving, below);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    // toSpm with its checks as comparisons: NaN, negative and infinite raw values fall outside the range.
    const r = raw[i] as number;
    const spm = r * scale;
    const v = Math.fround(spm >= MIN_SPM && spm <= MAX_SPM ? spm : r === 0 ? 0 : Number.NaN);
    out[i] = v;
    if (v < lo || v > hi) outside++;
  }
  return { scale, outside };
}

/** Columns from the records at `rows` (time-sorted, strictly increasing timestamps). */
export function buildSamples(r: RecordColumns, rows: Uint32Array, opts: SampleOptions): BuiltSamples {
  const n = rows.length;
  // orderRecords gives a run of consecutive records unless the file needed sorting or had repeated timestamps.
  const a = n > 0 ? (rows[0] as number) : 0;
  // A view of the shared identity rows is consecutive by construction: only other rows need looking at.
  let contiguous = rows.buffer === identity.buffer;
  if (!contiguous) {
    contiguous = true;
    for (let i = 1; i < n && contiguous; i++) contiguous = rows[i] === a + i;
  }
  if (!contiguous) return buildSamples(gather(r, rows), identityRows(n), opts);
  // Every column is written below for every row.
  const s = emptySamples(n, false);
  const ts = r.timestamp;
  const P = PLAUSIBLE;
  for (let i = 0; i < n; i++) s.timeS[i] = (fitSecondsMs(ts[a + i] as number) - opts.startMs) / 1000;
  const distance = distancesTo(s.distanceM, r.distance, a, opts.rebaseDistance, ...P.distanceM);
  let outside = distance.outside;
  // A column the decoder saw stay within its AS_IS range needs no look at each value (see RecordColumns).
  const asIs = (name: RecordColumnName): boolean => (r.mayStray & (1 << COL[name])) === 0;
  outside += copyTo(s.speedMps, r.speed, a, asIs("speed"), ...P.speedMps);
  outside += copyTo(s.altitudeM, r.altitude, a, asIs("altitude"), ...P.altitudeM);
  outside += positiveTo(s.heartRateBpm, r.heartRate, a, asIs("heartRate"), ...P.heartRateSampleBpm);
  degreesTo(s.latDeg, r.positionLat, a, 90);
  degreesTo(s.lonDeg, r.positionLong, a, 180);
  outside += stepLengthsTo(s.stepLengthM, r.stepLength, a, ...P.stepLengthM);
  const { verticalOscillationMm: vo, verticalRatioPct: vr, stanceTimeMs: stance } = P;
  outside += positiveTo(
    s.verticalOscillationMm,
    r.verticalOscillation,
    a,
    asIs("verticalOscillation"),
    ...vo,
  );
  outside += positiveTo(s.verticalRatioPct, r.verticalRatio, a, asIs("verticalRatio"), ...vr);
  outside += positiveTo(s.stanceTimeMs, r.stanceTime, a, asIs("stanceTime"), ...stance);
  const cadence = cadenceTo(s.cadenceSpm, r, a, opts.footSport, ...P.cadenceSpm);
  outside += cadence.outside;
  return { samples: s, scale: cadence.scale, distanceGlitches: distance.glitches, implausible: outside };
}

// 0, 1, 2, …: the rows of records already in order, shared by every call and never written after it is made.
let identity = new Uint32Array(0);

function identityRows(n: number): Uint32Array {
  if (identity.length >= n) return identity.subarray(0, n);
  const rows = new Uint32Array(n <= MAX_SHARED_ROWS ? Math.max(n, 4096) : n);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  if (n <= MAX_SHARED_ROWS) identity = rows;
  return rows.subarray(0, n);
}

/** Rows sorted by time, one per timestamp (the first in file order), so time strictly increases. */
export function orderRecords(r: RecordColumns): Uint32Array {
  // Most files hold finite, strictly increasing timestamps: check that first, without writing anything.
  let prevTs = Number.NEGATIVE_INFINITY;
  let k = 0;
  for (; k < r.count; k++) {
    const t = r.timestamp[k] as number;
    if (!(Number.isFinite(t) && t > prevTs)) break;
    prevTs = t;
  }
  if (k === r.count) return identityRows(r.count);
  const rows = new Uint32Array(r.count);
  let n = 0;
  let sorted = true;
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < r.count; i++) {
    const t = r.timestamp[i] ?? Number.NaN;
    if (!Number.isFinite(t)) continue;
    if (t < prev) sorted = false;
    prev = t;
    rows[n++] = i;
  }
  let timed = rows.subarray(0, n);
  // Array.prototype.sort is stable: equal timestamps keep file order, so the first one is kept below.
  if (!sorted) {
    timed = Uint32Array.from(Array.from(timed).sort((a, b) => (r.timestamp[a] ?? 0) - (r.timestamp[b] ?? 0)));
  }
  let m = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < timed.length; k++) {
    const i = timed[k] ?? 0;
    const t = r.timestamp[i] ?? Number.NaN;
    if (t > last) {
      timed[m++] = i;
      last = t;
    }
  }
  return timed.subarray(0, m);
}
