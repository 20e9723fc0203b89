import type { Activity, Samples } from "../../fit-parser/types.ts";

/** Samples of n seconds at a steady 3 m/s, with NaN where a watch recorded nothing (no GPS, no dynamics). */
export function steadySamples(n: number, opts: { gps?: boolean } = {}): Samples {
  const f32 = (fn: (i: number) => number): Float32Array => Float32Array.from({ length: n }, (_, i) => fn(i));
  const f64 = (fn: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => fn(i));
  return {
    count: n,
    timeS: f64((i) => i),
    distanceM: f64((i) => i * 3),
    speedMps: f32(() => 3),
    cadenceSpm: f32((i) => 170 + (i % 3)),
    heartRateBpm: f32((i) => (i % 10 === 0 ? NaN : 140)),
    altitudeM: f32(() => NaN),
    latDeg: f64((i) => (opts.gps ? 52.1 + i * 1e-5 : NaN)),
    lonDeg: f64((i) => (opts.gps ? 4.3 + i * 1e-5 : NaN)),
    stepLengthM: f32(() => NaN),
    verticalOscillationMm: f32(() => NaN),
    verticalRatioPct: f32(() => NaN),
    stanceTimeMs: f32(() => NaN),
  };
}

/** A plausible parsed run; override any field. */
export function makeActivity(over: Partial<Activity> = {}): Activity {
  const samples = over.samples ?? steadySamples(600, { gps: true });
  return {
    sport: "running",
    subSport: "generic",
    device: { manufacturer: "garmin", product: "fr955", serialNumber: 3426837107 },
    startUtc: "2024-07-09T14:12:49.000Z",
    utcOffsetS: 7200,
    localDate: "2024-07-09",
    elapsedS: 600,
    timerS: 600,
    distanceM: 1800,
    avgSpeedMps: 3,
    maxSpeedMps: 3.4,
    avgHeartRateBpm: 140,
    maxHeartRateBpm: 151,
    avgCadenceSpm: 171,
    totalAscentM: 12,
    avgStepLengthM: null,
    avgVerticalOscillationMm: null,
    avgVerticalRatioPct: null,
    avgStanceTimeMs: null,
    hasRunningDynamics: false,
    laps: [
      {
        startUtc: "2024-07-09T14:12:49.000Z",
        elapsedS: 333,
        timerS: 333,
        distanceM: 1000,
        avgSpeedMps: 3,
        avgCadenceSpm: 170,
        avgHeartRateBpm: 139,
      },
      {
        startUtc: "2024-07-09T14:18:22.000Z",
        elapsedS: 267,
        timerS: 267,
        distanceM: 800,
        avgSpeedMps: 3,
        avgCadenceSpm: null,
        avgHeartRateBpm: null,
      },
    ],
    ...over,
    samples,
  };
}
