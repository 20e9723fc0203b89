import type { PreparedRun } from "./prepared-run.ts";

// The analysis core's input shapes. Structurally compatible with fit-parser's Samples/Activity
// (without importing them), so storage can hand parsed or stored runs straight in.

/** Per-sample columns of one run; index i of every column is one sample, NaN marks a missing value. */
export interface RunSeries {
  /** Seconds since the run's startUtc. */
  timeS: ArrayLike<number>;
  distanceM: ArrayLike<number>;
  speedMps: ArrayLike<number>;
  cadenceSpm: ArrayLike<number>;
  heartRateBpm: ArrayLike<number>;
  stepLengthM: ArrayLike<number>;
  verticalOscillationMm: ArrayLike<number>;
  verticalRatioPct: ArrayLike<number>;
  stanceTimeMs: ArrayLike<number>;
  /** Metres above sea level, when the file has it: steep stretches are left out of the cadence analysis. */
  altitudeM?: ArrayLike<number>;
}

/** One run as the core sees it. `series` is absent (or null) for summary-only runs. */
export interface Run {
  id: number;
  /** ISO 8601 UTC start, e.g. "2026-05-12T06:30:00.000Z". */
  startUtc: string;
  /** YYYY-MM-DD in the runner's local time: every day/week bucket uses this. */
  localDate: string;
  utcOffsetS: number | null;
  distanceM: number;
  timerS: number | null;
  elapsedS: number | null;
  avgSpeedMps: number | null;
  avgCadenceSpm: number | null;
  /** The FIT sub_sport ("treadmill", "trail", "street"…), when the file says. */
  subSport?: string | null;
  /** Read only by `prepareRun` (prepared-run.ts): the per-run analysis reads a run in its prepared form. */
  series?: RunSeries | null;
  /** The prepared form, worked out where the series was parsed (an import): then `series` is not needed. */
  prepared?: PreparedRun | null;
}

/** Distances in the runner's words. */
export type Units = "km" | "mi";
