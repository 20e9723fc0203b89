import type { Activity, Lap, ParseResult } from "../../fit-parser/types.ts";
import { isRunSport } from "../core/sport.ts";
import { localClock } from "../core/date-fix.ts";
import type { UtcOffsetSource } from "../core/time-zone.ts";
import type { ActivitySummary } from "./activities-repo.ts";

// Row <-> object mapping for activities and laps, kept apart so the repo stays about queries.

export interface ActivityRow {
  id: number;
  file_id: number;
  session_index: number;
  sport: string;
  sub_sport: string | null;
  is_run: number;
  start_utc: string;
  utc_offset_s: number | null;
  local_date: string;
  elapsed_s: number | null;
  timer_s: number | null;
  distance_m: number | null;
  avg_speed_mps: number | null;
  max_speed_mps: number | null;
  avg_heart_rate_bpm: number | null;
  max_heart_rate_bpm: number | null;
  avg_cadence_spm: number | null;
  total_ascent_m: number | null;
  avg_step_length_m: number | null;
  avg_vertical_oscillation_mm: number | null;
  avg_vertical_ratio_pct: number | null;
  avg_stance_time_ms: number | null;
  device_manufacturer: string | null;
  device_product: string | null;
  device_serial: number | null;
  has_gps: number;
  has_running_dynamics: number;
  sample_count: number;
  date_suspect: number;
  partial: number;
  name: string | null;
  notes: string;
  shoe_id: number | null;
  date_shift_s: number;
  date_confirmed: number;
  utc_offset_source: UtcOffsetSource;
}

export interface LapRow {
  lap_index: number;
  start_utc: string;
  elapsed_s: number | null;
  timer_s: number | null;
  distance_m: number | null;
  avg_speed_mps: number | null;
  avg_cadence_spm: number | null;
  avg_heart_rate_bpm: number | null;
}

/** Columns written from an Activity, in the order activityValues() returns them. */
export const ACTIVITY_COLUMNS = [
  "sport",
  "sub_sport",
  "is_run",
  "start_utc",
  "utc_offset_s",
  "local_date",
  "elapsed_s",
  "timer_s",
  "distance_m",
  "avg_speed_mps",
  "max_speed_mps",
  "avg_heart_rate_bpm",
  "max_heart_rate_bpm",
  "avg_cadence_spm",
  "total_ascent_m",
  "avg_step_length_m",
  "avg_vertical_oscillation_mm",
  "avg_vertical_ratio_pct",
  "avg_stance_time_ms",
  "device_manufacturer",
  "device_product",
  "device_serial",
  "has_gps",
  "has_running_dynamics",
  "sample_count",
  "date_suspect",
  "utc_offset_source",
] as const;

/**
 * What storage keeps of a parsed session: everything but the samples (read from the original when
 * needed), plus the two facts taken from them. Small enough to pass from a parse worker cheaply.
 */
export interface StorableActivity extends Omit<Activity, "samples"> {
  sampleCount: number;
  hasGps: boolean;
}

/** A parse as storage takes it. */
export type StorableParse =
  | Exclude<ParseResult, { ok: true }>
  | { ok: true; activities: StorableActivity[]; warnings: Extract<ParseResult, { ok: true }>["warnings"] };

export function storable(activity: Activity): StorableActivity {
  const { samples, ...rest } = activity;
  const lat = samples.latDeg;
  let hasGps = false;
  for (let i = 0; i < lat.length && !hasGps; i++) hasGps = !Number.isNaN(lat[i]);
  return { ...rest, sampleCount: samples.count, hasGps };
}

export function storableParse(result: ParseResult): StorableParse {
  return result.ok ? { ...result, activities: result.activities.map(storable) } : result;
}

/** Earliest start taken at face value: a watch whose clock was never set reports 1989-1990. */
export const EARLIEST_PLAUSIBLE_START = "2000-01-01";

/**
 * A start before 2000 or after tomorrow (by the clock `nowMs`): stored, marked for the runner to confirm, and
 * kept out of time axes until then.
 */
export function isDateSuspect(a: Pick<StorableActivity, "startUtc" | "localDate">, nowMs: number): boolean {
  const tomorrow = new Date(nowMs + 86_400_000).toISOString().slice(0, 10);
  return a.startUtc < EARLIEST_PLAUSIBLE_START || a.localDate > tomorrow;
}

/** The UTC offset (s) of this computer's time zone at `atMs`: what a file that records none is first dated in. */
export function serverZoneOffsetS(atMs: number): number {
  return -new Date(atMs).getTimezoneOffset() * 60;
}

/**
 * The row's values. A file that records no UTC offset is dated in this computer's zone (`zoneOffsetS`) until
 * settleAssumedOffsets finds the runner's nearest run that records one.
 */
export function activityValues(
  activity: StorableActivity,
  nowMs: number,
  zoneOffsetS: (atMs: number) => number = serverZoneOffsetS,
): (string | number | null)[] {
  const source: UtcOffsetSource = activity.utcOffsetS === null ? "server-zone" : "file";
  let a = activity;
  if (activity.utcOffsetS === null) {
    const offsetS = zoneOffsetS(Date.parse(activity.startUtc));
    a = { ...activity, utcOffsetS: offsetS, localDate: localClock(activity.startUtc, offsetS).localDate };
  }
  return [
    a.sport,
    a.subSport,
    isRunSport(a.sport) ? 1 : 0,
    a.startUtc,
    a.utcOffsetS,
    a.localDate,
    a.elapsedS,
    a.timerS,
    a.distanceM,
    a.avgSpeedMps,
    a.maxSpeedMps,
    a.avgHeartRateBpm,
    a.maxHeartRateBpm,
    a.avgCadenceSpm,
    a.totalAscentM,
    a.avgStepLengthM,
    a.avgVerticalOscillationMm,
    a.avgVerticalRatioPct,
    a.avgStanceTimeMs,
    a.device.manufacturer,
    a.device.product,
    a.device.serialNumber,
    a.hasGps ? 1 : 0,
    a.hasRunningDynamics ? 1 : 0,
    a.sampleCount,
    isDateSuspect(a, nowMs) ? 1 : 0,
    source,
  ];
}

export function toSummary(r: ActivityRow): ActivitySummary {
  return {
    id: r.id,
    fileId: r.file_id,
    sessionIndex: r.session_index,
    sport: r.sport,
    subSport: r.sub_sport,
    isRun: r.is_run === 1,
    startUtc: r.start_utc,
    utcOffsetS: r.utc_offset_s,
    localDate: r.local_date,
    elapsedS: r.elapsed_s,
    timerS: r.timer_s,
    distanceM: r.distance_m,
    avgSpeedMps: r.avg_speed_mps,
    maxSpeedMps: r.max_speed_mps,
    avgHeartRateBpm: r.avg_heart_rate_bpm,
    maxHeartRateBpm: r.max_heart_rate_bpm,
    avgCadenceSpm: r.avg_cadence_spm,
    totalAscentM: r.total_ascent_m,
    avgStepLengthM: r.avg_step_length_m,
    avgVerticalOscillationMm: r.avg_vertical_oscillation_mm,
    avgVerticalRatioPct: r.avg_vertical_ratio_pct,
    avgStanceTimeMs: r.avg_stance_time_ms,
    device: { manufacturer: r.device_manufacturer, product: r.device_product, serialNumber: r.device_serial },
    hasGps: r.has_gps === 1,
    hasRunningDynamics: r.has_running_dynamics === 1,
    sampleCount: r.sample_count,
    dateSuspect: r.date_suspect === 1,
    partial: r.partial === 1,
    name: r.name,
    notes: r.notes,
    shoeId: r.shoe_id,
    dateShiftS: r.date_shift_s,
    dateShiftDays: r.date_shift_s / 86_400,
    dateConfirmed: r.date_confirmed === 1,
    utcOffsetSource: r.utc_offset_source,
  };
}

export function toLap(r: LapRow): Lap {
  return {
    startUtc: r.start_utc,
    elapsedS: r.elapsed_s,
    timerS: r.timer_s,
    distanceM: r.distance_m,
    avgSpeedMps: r.avg_speed_mps,
    avgCadenceSpm: r.avg_cadence_spm,
    avgHeartRateBpm: r.avg_heart_rate_bpm,
  };
}
