import { rawCadence, scaleOfCounts, toSpm } from "./cadence.ts";
import type { CadenceScale } from "./cadence.ts";
import { RECORD_COLUMNS, isNeverWritten } from "./decoder/columns.ts";
import type { RecordColumns } from "./decoder/columns.ts";
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
}

// Each typed-array access in a JS loop costs about 0.6 ns, while TypedArray.set copies natively (narrowing to
// float32 on the way) at about half that: plain columns are copied with set() over the run of records and fixed up
// in place, and only the columns that need arithmetic are written by loops.

/** The records at `rows` as columns of their own, in that order (only for files that needed sorting). */
function gather(r: RecordColumns, rows: Uint32Array): RecordColumns {
  const out: Record<string, Float64Array | number> = { count: rows.length };
  for (const name of RECORD_COLUMNS) {
    const src = r[name];
    const col = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = src[rows[i] as number] as number;
    out[name] = col;
  }
  return out as RecordColumns;
}

/** out = col[a, a + n) where positive, NaN elsewhere: 0 step length or stance time is a "no reading" placeholder. */
function positiveTo(out: Float32Array, col: Float64Array, a: number): void {
  out.set(col.subarray(a, a + out.length));
  for (let i = 0; i < out.length; i++) if (!((col[a + i] as number) > 0)) out[i] = Number.NaN;
}

function degreesTo(out: Float64Array, col: Float64Array, a: number, limit: number): void {
  if (isNeverWritten(col)) {
    out.fill(Number.NaN);
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const deg = (col[a + i] as number) * SEMICIRCLE_TO_DEG;
    out[i] = Number.isFinite(deg) && Math.abs(deg) <= limit ? deg : Number.NaN;
  }
}

/** Distances, rebased when asked; a reading that goes backwards becomes NaN. Returns how many did. */
function distancesTo(out: Float64Array, col: Float64Array, a: number, rebase: boolean): number {
  out.set(col.subarray(a, a + out.length));
  let firstDistance = Number.NaN;
  let lastDistance = Number.NEGATIVE_INFINITY;
  let glitches = 0;
  for (let i = 0; i < out.length; i++) {
    let d = out[i] as number;
    if (!Number.isFinite(d)) continue;
    if (rebase) {
      if (Number.isNaN(firstDistance)) firstDistance = d;
      d -= firstDistance;
      out[i] = d;
    }
    if (d < lastDistance) {
      glitches++;
      out[i] = Number.NaN;
    } else lastDistance = d;
  }
  return glitches;
}

// Raw cadence between the two passes, kept from one call to the next rather than allocated per activity.
let rawScratch = new Float64Array(4096);

/** Steps/min for foot sports, NaN otherwise; the scale comes from the median of the moving raw values. */
function cadenceTo(out: Float32Array, r: RecordColumns, a: number, footSport: boolean): CadenceScale {
  // Only foot sports use the scale: summaries of other sports have no cadence.
  if (!footSport) {
    out.fill(Number.NaN);
    return 2;
  }
  const n = out.length;
  if (rawScratch.length < n && n <= MAX_SHARED_ROWS) rawScratch = new Float64Array(n);
  const raw = rawScratch.length >= n ? rawScratch : new Float64Array(n);
  const { cadence, fractionalCadence, cadence256 } = r;
  let moving = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    const j = a + i;
    const whole = cadence[j] as number;
    // rawCadence, reading fractional_cadence and cadence256 only when it would use them.
    const v =
      Number.isFinite(whole) && whole < 255
        ? rawCadence(whole, fractionalCadence[j])
        : rawCadence(Number.NaN, Number.NaN, cadence256[j]);
    raw[i] = v;
    if (v > 0) {
      moving++;
      if (v < 125) below++;
    }
  }
  const scale = scaleOfCounts(moving, below);
  for (let i = 0; i < n; i++) out[i] = toSpm(raw[i] as number, scale);
  return scale;
}

/** Columns from the records at `rows` (time-sorted, strictly increasing timestamps). */
export function buildSamples(r: RecordColumns, rows: Uint32Array, opts: SampleOptions): BuiltSamples {
  const n = rows.length;
  // orderRecords gives a run of consecutive records unless the file needed sorting or had repeated timestamps.
  const a = n > 0 ? (rows[0] as number) : 0;
  let contiguous = true;
  for (let i = 1; i < n && contiguous; i++) contiguous = rows[i] === a + i;
  if (!contiguous) return buildSamples(gather(r, rows), identityRows(n), opts);
  // Every column is written below for every row.
  const s = emptySamples(n, false);
  const ts = r.timestamp;
  for (let i = 0; i < n; i++) s.timeS[i] = (fitSecondsMs(ts[a + i] as number) - opts.startMs) / 1000;
  const glitches = distancesTo(s.distanceM, r.distance, a, opts.rebaseDistance);
  s.speedMps.set(r.speed.subarray(a, a + n));
  s.altitudeM.set(r.altitude.subarray(a, a + n));
  positiveTo(s.heartRateBpm, r.heartRate, a);
  degreesTo(s.latDeg, r.positionLat, a, 90);
  degreesTo(s.lonDeg, r.positionLong, a, 180);
  const step = r.stepLength;
  for (let i = 0; i < n; i++) {
    const mm = step[a + i] as number;
    s.stepLengthM[i] = (mm > 0 ? mm : Number.NaN) / 1000;
  }
  positiveTo(s.verticalOscillationMm, r.verticalOscillation, a);
  positiveTo(s.verticalRatioPct, r.verticalRatio, a);
  positiveTo(s.stanceTimeMs, r.stanceTime, a);
  const scale = cadenceTo(s.cadenceSpm, r, a, opts.footSport);
  return { samples: s, scale, distanceGlitches: glitches };
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
