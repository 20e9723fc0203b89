// The parser's public shapes. Units are in the names; every conversion (semicircles, FIT epoch,
// strides → steps, mm → m) happens inside fit-parser, once.

/** Why a file could not be read, as stable kebab-case codes. */
export const PARSE_ERROR_CODES = [
  "empty-file",
  "not-a-fit-file",
  "not-an-activity",
  "corrupt-file",
  "truncated-file",
  "no-running-data",
  "unsupported-encoding",
  "too-many-records",
  "too-many-messages",
  "too-many-sessions",
  "too-many-definitions",
  "implausible-duration",
  "implausible-sample-rate",
] as const;

export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

/** Something salvaged or doubtful in a file that was still read. */
export interface ParseWarning {
  code: string;
  message: string;
}

export interface Device {
  manufacturer: string | null;
  product: string | null;
  serialNumber: number | null;
}

/**
 * Per-sample series as parallel columns: index i of every column is one record message.
 * NaN marks a value the file did not hold (or held as an invalid sentinel).
 */
export interface Samples {
  count: number;
  /** Seconds since the activity's startUtc. */
  timeS: Float64Array;
  distanceM: Float64Array;
  speedMps: Float32Array;
  cadenceSpm: Float32Array;
  heartRateBpm: Float32Array;
  altitudeM: Float32Array;
  latDeg: Float64Array;
  lonDeg: Float64Array;
  stepLengthM: Float32Array;
  verticalOscillationMm: Float32Array;
  verticalRatioPct: Float32Array;
  stanceTimeMs: Float32Array;
}

export interface Lap {
  startUtc: string;
  elapsedS: number | null;
  timerS: number | null;
  distanceM: number | null;
  avgSpeedMps: number | null;
  avgCadenceSpm: number | null;
  avgHeartRateBpm: number | null;
}

/** One activity session (a triathlon's run leg is one; a chained file may hold several). */
export interface Activity {
  sport: string;
  subSport: string | null;
  device: Device;
  /** ISO 8601 UTC, e.g. "2019-11-24T08:01:02.000Z". */
  startUtc: string;
  /** local_timestamp − timestamp of the activity message; null when the file does not say. */
  utcOffsetS: number | null;
  /** YYYY-MM-DD in the runner's local time (UTC when the offset is unknown). */
  localDate: string;
  elapsedS: number | null;
  timerS: number | null;
  distanceM: number | null;
  avgSpeedMps: number | null;
  maxSpeedMps: number | null;
  avgHeartRateBpm: number | null;
  maxHeartRateBpm: number | null;
  avgCadenceSpm: number | null;
  totalAscentM: number | null;
  avgStepLengthM: number | null;
  avgVerticalOscillationMm: number | null;
  avgVerticalRatioPct: number | null;
  avgStanceTimeMs: number | null;
  hasRunningDynamics: boolean;
  laps: Lap[];
  samples: Samples;
}

export type ParseResult =
  | { ok: true; activities: Activity[]; warnings: ParseWarning[] }
  | { ok: false; code: ParseErrorCode; message: string };
