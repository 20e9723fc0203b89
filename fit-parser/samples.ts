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

/** Columns for `count` samples, every value NaN (no reading). */
export function emptySamples(count: number): Samples {
  const nan64 = (): Float64Array => new Float64Array(count).fill(Number.NaN);
  return {
    count,
    timeS: nan64(),
    distanceM: nan64(),
    speedMps: nan32(count),
    cadenceSpm: nan32(count),
    heartRateBpm: nan32(count),
    altitudeM: nan32(count),
    latDeg: nan64(),
    lonDeg: nan64(),
    stepLengthM: nan32(count),
    verticalOscillationMm: nan32(count),
    verticalRatioPct: nan32(count),
    stanceTimeMs: nan32(count),
  };
}

function nan32(count: number): Float32Array {
  return new Float32Array(count).fill(Number.NaN);
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

// Each column is made by one loop that also counts the values outside its plausible range; plausible.ts fixes
// them up only when there are some. A separate pass per column for the check cost as much as the building did.

/** What building the columns counted: values outside their range, distances that went back, the cadence scale. */
interface Tally {
  outside: number;
  glitches: number;
  scale: CadenceScale;
}

/**
 * col[a, a + n) as float32, values outside [lo, hi] counted in `t`. A column the decoder saw stay within them
 * (`asIs`) is copied without a look at each value.
 */
function copied(col: Float64Array, a: number, n: number, asIs: boolean, lo: number, hi: number, t: Tally) {
  if (isNeverWritten(col)) return nan32(n);
  // The constructor writes each value once; new Float32Array(n) then set() zeroed the memory first.
  if (asIs) return new Float32Array(col.subarray(a, a + n));
  const out = new Float32Array(n);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    // The check sees the value as stored: float32 rounds 60.000001 m/s to 60. NaN fails both comparisons.
    const v = Math.fround(col[a + i] as number);
    out[i] = v;
    if (v < lo || v > hi) outside++;
  }
  t.outside += outside;
  return out;
}

/** As copied, with values not positive as NaN (0 stance time is a "no reading" placeholder). */
function positives(col: Float64Array, a: number, n: number, asIs: boolean, lo: number, hi: number, t: Tally) {
  if (asIs) return copied(col, a, n, true, lo, hi, t);
  if (isNeverWritten(col)) return nan32(n);
  const out = new Float32Array(n);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const raw = col[a + i] as number;
    const v = raw > 0 ? Math.fround(raw) : Number.NaN;
    out[i] = v;
    if (v < lo || v > hi) outside++;
  }
  t.outside += outside;
  return out;
}

/** Step lengths in m from mm, as positives (a loop of its own: dividing every other column by 1 cost time). */
function stepLengths(col: Float64Array, a: number, n: number, lo: number, hi: number, t: Tally) {
  if (isNeverWritten(col)) return nan32(n);
  const out = new Float32Array(n);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const mm = col[a + i] as number;
    const v = mm > 0 ? Math.fround(mm / 1000) : Number.NaN;
    out[i] = v;
    if (v < lo || v > hi) outside++;
  }
  t.outside += outside;
  return out;
}

function degrees(col: Float64Array, a: number, n: number, limit: number): Float64Array {
  const out = new Float64Array(n);
  if (isNeverWritten(col)) return out.fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const deg = (col[a + i] as number) * SEMICIRCLE_TO_DEG;
    out[i] = Number.isFinite(deg) && Math.abs(deg) <= limit ? deg : Number.NaN;
  }
  return out;
}

/** Distances, rebased when asked; a reading that goes backwards becomes NaN (counted in `t.glitches`). */
function distances(
  col: Float64Array,
  a: number,
  n: number,
  rebase: boolean,
  lo: number,
  hi: number,
  t: Tally,
) {
  const out = new Float64Array(n);
  let firstDistance = Number.NaN;
  let lastDistance = Number.NEGATIVE_INFINITY;
  let glitches = 0;
  let outside = 0;
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
  t.glitches += glitches;
  t.outside += outside;
  return out;
}

// Raw cadence between the two passes, kept from one call to the next rather than allocated per activity.
let rawScratch = new Float64Array(4096);

/** Steps/min for foot sports, NaN otherwise; the scale (in `t.scale`) comes from the median of the moving raw values. */
function cadences(
  r: RecordColumns,
  a: number,
  n: number,
  footSport: boolean,
  lo: number,
  hi: number,
  t: Tally,
) {
  // Only foot sports use the scale: summaries of other sports have no cadence.
  if (!footSport) return nan32(n);
  const out = new Float32Array(n);
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
  t.scale = scale;
  t.outside += outside;
  return out;
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
  // A column the decoder saw stay within its AS_IS range needs no look at each value (see RecordColumns).
  const asIs = (name: RecordColumnName): boolean => (r.mayStray & (1 << COL[name])) === 0;
  const t: Tally = { outside: 0, glitches: 0, scale: 2 };
  const P = PLAUSIBLE;
  const samples: Samples = {
    count: n,
    timeS: times(r.timestamp, a, n, opts.startMs),
    distanceM: distances(r.distance, a, n, opts.rebaseDistance, ...P.distanceM, t),
    speedMps: copied(r.speed, a, n, asIs("speed"), ...P.speedMps, t),
    cadenceSpm: cadences(r, a, n, opts.footSport, ...P.cadenceSpm, t),
    heartRateBpm: positives(r.heartRate, a, n, asIs("heartRate"), ...P.heartRateSampleBpm, t),
    altitudeM: copied(r.altitude, a, n, asIs("altitude"), ...P.altitudeM, t),
    latDeg: degrees(r.positionLat, a, n, 90),
    lonDeg: degrees(r.positionLong, a, n, 180),
    stepLengthM: stepLengths(r.stepLength, a, n, ...P.stepLengthM, t),
    verticalOscillationMm: positives(
      r.verticalOscillation,
      a,
      n,
      asIs("verticalOscillation"),
      ...P.verticalOscillationMm,
      t,
    ),
    verticalRatioPct: positives(r.verticalRatio, a, n, asIs("verticalRatio"), ...P.verticalRatioPct, t),
    stanceTimeMs: positives(r.stanceTime, a, n, asIs("stanceTime"), ...P.stanceTimeMs, t),
  };
  return { samples, scale: t.scale, distanceGlitches: t.glitches, implausible: t.outside };
}

/** Seconds since `startMs` (Unix ms) of the FIT times ts[a, a + n). */
function times(ts: Float64Array, a: number, n: number, startMs: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (fitSecondsMs(ts[a + i] as number) - startMs) / 1000;
  return out;
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
