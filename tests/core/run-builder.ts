import type { PainEntry } from "../../server/core/pain.ts";
import type { Run, RunSeries } from "../../server/core/types.ts";

export interface RunSpec {
  id?: number;
  /** Local date; the start is 07:00 local at `utcOffsetS`. */
  date?: string;
  startUtc?: string;
  utcOffsetS?: number;
  durationS?: number;
  dtS?: number;
  speed?: (timeS: number) => number;
  cadence?: (timeS: number, speedMps: number) => number;
  distanceM?: number;
}

/** A run with a per-sample series drawn from speed and cadence functions of time. */
export function buildRun(spec: RunSpec = {}): Run {
  const date = spec.date ?? "2026-05-12";
  const offset = spec.utcOffsetS ?? 0;
  const durationS = spec.durationS ?? 3600;
  const dt = spec.dtS ?? 5;
  const speedAt = spec.speed ?? (() => 3);
  const cadenceAt = spec.cadence ?? ((_t: number, v: number) => 150 + 6 * v);
  const n = Math.floor(durationS / dt);
  const col = (): Float32Array => new Float32Array(n).fill(Number.NaN);
  const series: RunSeries = {
    timeS: new Float64Array(n),
    distanceM: new Float64Array(n),
    speedMps: new Float32Array(n),
    cadenceSpm: new Float32Array(n),
    heartRateBpm: col(),
    stepLengthM: col(),
    verticalOscillationMm: col(),
    verticalRatioPct: col(),
    stanceTimeMs: col(),
  };
  let distance = 0;
  const t = series.timeS as Float64Array;
  for (let i = 0; i < n; i++) {
    const time = i * dt;
    const v = speedAt(time);
    t[i] = time;
    (series.distanceM as Float64Array)[i] = distance;
    (series.speedMps as Float32Array)[i] = v;
    (series.cadenceSpm as Float32Array)[i] = cadenceAt(time, v);
    distance += v * dt;
  }
  const startUtc = spec.startUtc ?? new Date(Date.parse(`${date}T07:00:00Z`) - offset * 1000).toISOString();
  return {
    id: spec.id ?? 1,
    startUtc,
    localDate: date,
    utcOffsetS: offset,
    distanceM: spec.distanceM ?? distance,
    timerS: durationS,
    elapsedS: durationS,
    avgSpeedMps: distance / durationS,
    avgCadenceSpm: null,
    series,
  };
}

/** A summary-only run (no series) of `distanceM` on `date`. */
export function summaryRun(id: number, date: string, distanceM: number, hour = 7): Run {
  return {
    id,
    startUtc: `${date}T${String(hour).padStart(2, "0")}:00:00.000Z`,
    localDate: date,
    utcOffsetS: 0,
    distanceM,
    timerS: distanceM / 3,
    elapsedS: distanceM / 3,
    avgSpeedMps: 3,
    avgCadenceSpm: 168,
    series: null,
  };
}

let nextPainId = 1;

/** A pain-log entry with sensible defaults. */
export function painEntry(date: string, severity: number, extra: Partial<PainEntry> = {}): PainEntry {
  return {
    id: nextPainId++,
    date,
    severity,
    location: severity > 0 ? "lateral" : null,
    side: severity > 0 ? "right" : null,
    timing: null,
    note: "",
    redFlags: [],
    ...extra,
  };
}
