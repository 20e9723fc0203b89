import type { RecordMesg } from "@garmin/fitsdk";
import { cadenceScale, rawCadence, toSpm } from "./cadence.ts";
import type { CadenceScale } from "./cadence.ts";
import type { Samples } from "./types.ts";
import { num, timeMs } from "./values.ts";

const SEMICIRCLE_TO_DEG = 180 / 2 ** 31;

export function emptySamples(count: number): Samples {
  const nan64 = (): Float64Array => new Float64Array(count).fill(Number.NaN);
  const nan32 = (): Float32Array => new Float32Array(count).fill(Number.NaN);
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

function degrees(semicircles: number, limit: number): number {
  const deg = semicircles * SEMICIRCLE_TO_DEG;
  return Number.isFinite(deg) && Math.abs(deg) <= limit ? deg : Number.NaN;
}

/** Positive values only: 0 step length or stance time is a "no reading" placeholder, not a measurement. */
function positive(v: unknown): number {
  const n = num(v);
  return n > 0 ? n : Number.NaN;
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

/** Columns from time-sorted records with strictly increasing timestamps. */
export function buildSamples(records: readonly RecordMesg[], opts: SampleOptions): BuiltSamples {
  const s = emptySamples(records.length);
  const raw = new Float64Array(records.length);
  let firstDistance = Number.NaN;
  let lastDistance = Number.NEGATIVE_INFINITY;
  let glitches = 0;
  records.forEach((r, i) => {
    s.timeS[i] = (timeMs(r.timestamp) - opts.startMs) / 1000;
    let d = num(r.distance);
    if (Number.isFinite(d)) {
      if (opts.rebaseDistance && Number.isNaN(firstDistance)) firstDistance = d;
      if (opts.rebaseDistance) d -= firstDistance;
      if (d < lastDistance) {
        glitches++;
        d = Number.NaN;
      } else lastDistance = d;
    }
    s.distanceM[i] = d;
    const speed = num(r.enhancedSpeed);
    s.speedMps[i] = Number.isFinite(speed) ? speed : num(r.speed);
    const alt = num(r.enhancedAltitude);
    s.altitudeM[i] = Number.isFinite(alt) ? alt : num(r.altitude);
    s.heartRateBpm[i] = positive(r.heartRate);
    s.latDeg[i] = degrees(num(r.positionLat), 90);
    s.lonDeg[i] = degrees(num(r.positionLong), 180);
    s.stepLengthM[i] = positive(r.stepLength) / 1000;
    s.verticalOscillationMm[i] = positive(r.verticalOscillation);
    s.verticalRatioPct[i] = positive(r.verticalRatio);
    s.stanceTimeMs[i] = positive(r.stanceTime);
    raw[i] = rawCadence(r.cadence, r.fractionalCadence, r.cadence256);
  });
  const scale = cadenceScale(raw);
  if (opts.footSport)
    for (let i = 0; i < raw.length; i++) s.cadenceSpm[i] = toSpm(raw[i] ?? Number.NaN, scale);
  return { samples: s, scale, distanceGlitches: glitches };
}

/** Sort by time and keep one record per timestamp (the first), so time strictly increases. */
export function orderRecords(records: readonly RecordMesg[]): RecordMesg[] {
  const timed = records.filter((r) => Number.isFinite(timeMs(r.timestamp)));
  timed.sort((a, b) => timeMs(a.timestamp) - timeMs(b.timestamp));
  const out: RecordMesg[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const r of timed) {
    const t = timeMs(r.timestamp);
    if (t > last) {
      out.push(r);
      last = t;
    }
  }
  return out;
}
