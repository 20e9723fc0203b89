import { rawCadence, scaleOfCounts, toSpm } from "./cadence.ts";
import type { CadenceScale } from "./cadence.ts";
import type { RecordColumns } from "./decoder/columns.ts";
import type { Samples } from "./types.ts";
import { fitSecondsMs } from "./values.ts";

const SEMICIRCLE_TO_DEG = 180 / 2 ** 31;

/** Columns for `count` samples; `fill` false leaves zeros for a caller that writes every element. */
export function emptySamples(count: number, fill = true): Samples {
  const nan64 = (): Float64Array =>
    fill ? new Float64Array(count).fill(Number.NaN) : new Float64Array(count);
  const nan32 = (): Float32Array =>
    fill ? new Float32Array(count).fill(Number.NaN) : new Float32Array(count);
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

function degrees(semicircles: number, limit: number): number {
  const deg = semicircles * SEMICIRCLE_TO_DEG;
  return Number.isFinite(deg) && Math.abs(deg) <= limit ? deg : Number.NaN;
}

/** Positive values only: 0 step length or stance time is a "no reading" placeholder, not a measurement. */
function positive(n: number): number {
  return n > 0 ? n : Number.NaN;
}

// Raw cadence between the two passes, kept from one call to the next rather than allocated per activity.
let rawScratch = new Float64Array(4096);

/** Columns from the records at `rows` (time-sorted, strictly increasing timestamps). */
export function buildSamples(r: RecordColumns, rows: Uint32Array, opts: SampleOptions): BuiltSamples {
  const n = rows.length;
  // Every column is written below for every row.
  const s = emptySamples(n, false);
  if (rawScratch.length < n) rawScratch = new Float64Array(n);
  const raw = rawScratch;
  let firstDistance = Number.NaN;
  let lastDistance = Number.NEGATIVE_INFINITY;
  let glitches = 0;
  let moving = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    const j = rows[i] as number;
    s.timeS[i] = (fitSecondsMs(r.timestamp[j] as number) - opts.startMs) / 1000;
    let d = r.distance[j] as number;
    if (Number.isFinite(d)) {
      if (opts.rebaseDistance && Number.isNaN(firstDistance)) firstDistance = d;
      if (opts.rebaseDistance) d -= firstDistance;
      if (d < lastDistance) {
        glitches++;
        d = Number.NaN;
      } else lastDistance = d;
    }
    s.distanceM[i] = d;
    s.speedMps[i] = r.speed[j] as number;
    s.altitudeM[i] = r.altitude[j] as number;
    s.heartRateBpm[i] = positive(r.heartRate[j] as number);
    s.latDeg[i] = degrees(r.positionLat[j] as number, 90);
    s.lonDeg[i] = degrees(r.positionLong[j] as number, 180);
    s.stepLengthM[i] = positive(r.stepLength[j] as number) / 1000;
    s.verticalOscillationMm[i] = positive(r.verticalOscillation[j] as number);
    s.verticalRatioPct[i] = positive(r.verticalRatio[j] as number);
    s.stanceTimeMs[i] = positive(r.stanceTime[j] as number);
    const v = rawCadence(r.cadence[j], r.fractionalCadence[j], r.cadence256[j]);
    raw[i] = v;
    if (v > 0) {
      moving++;
      if (v < 125) below++;
    }
  }
  const scale = scaleOfCounts(moving, below);
  if (opts.footSport) for (let i = 0; i < n; i++) s.cadenceSpm[i] = toSpm(raw[i] as number, scale);
  else s.cadenceSpm.fill(Number.NaN);
  return { samples: s, scale, distanceGlitches: glitches };
}

// 0, 1, 2, …: the rows of records already in order, shared by every call and never written after it is made.
let identity = new Uint32Array(0);
/** Past this many rows the shared identity is not grown (it would stay in memory), a fresh one is made. */
const MAX_SHARED_ROWS = 1 << 17;

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
