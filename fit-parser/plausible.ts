import { Profile } from "@garmin/fitsdk";
import type { RecordColumnName } from "./decoder/columns.ts";
import { FIT_LIMITS } from "./limits.ts";
import type { Activity, Lap, ParseWarning, Samples } from "./types.ts";
import { warning } from "./errors.ts";

/**
 * Physical ranges for what is stored, generous for any sport a watch records (a ride downhill, a week-long
 * ultra): a value outside is not stored (null, or NaN in a sample) and the activity gets one warning.
 */
export const PLAUSIBLE = {
  durationS: [0, FIT_LIMITS.maxDurationS],
  distanceM: [0, 2_000_000],
  speedMps: [0, 60],
  heartRateBpm: [20, 255],
  /** A sample a strap sends while it loses contact may read a few bpm: harmless, unlike 1e306. */
  heartRateSampleBpm: [1, 255],
  cadenceSpm: [0, 300],
  ascentM: [0, 50_000],
  altitudeM: [-500, 9_000],
  stepLengthM: [0, 5],
  verticalOscillationMm: [0, 500],
  verticalRatioPct: [0, 100],
  stanceTimeMs: [0, 5_000],
} as const satisfies Record<string, readonly [number, number]>;

/** A closed interval [lo, hi] of plausible values. */
export type Range = readonly [number, number];

const positive = ([lo, hi]: Range): Range => [Math.max(lo, Number.MIN_VALUE), hi];

/**
 * Record columns (decoder units) that buildSamples copies unchanged, and the values it may copy without looking:
 * plausible and, where 0 means no reading, positive. The decoder marks a column that strays outside
 * (RecordColumns.mayStray), so only marked columns are checked value by value.
 */
export const AS_IS: Partial<Record<RecordColumnName, Range>> = {
  speed: PLAUSIBLE.speedMps,
  altitude: PLAUSIBLE.altitudeM,
  heartRate: positive(PLAUSIBLE.heartRateSampleBpm),
  verticalOscillation: positive(PLAUSIBLE.verticalOscillationMm),
  verticalRatio: positive(PLAUSIBLE.verticalRatioPct),
  stanceTime: positive(PLAUSIBLE.stanceTimeMs),
};

const names = (type: string): Set<string> => new Set(Object.values(Profile.types[type] ?? {}).map(String));
const SPORTS = names("sport");
const SUB_SPORTS = names("subSport");

/**
 * A sport or sub-sport as the profile names it, a number the profile does not name as its digits, or null:
 * a string that is not one of the profile's names (a sport called `constructor`) is not an enum value.
 */
export function enumValue(type: "sport" | "subSport", v: unknown): string | null {
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 && v <= 255 ? String(v) : null;
  if (typeof v !== "string") return null;
  return (type === "sport" ? SPORTS : SUB_SPORTS).has(v) ? v : null;
}

/** Counts what was dropped, to say so once per activity. */
class Dropped {
  count = 0;
  readonly what = new Set<string>();

  value(v: number | null, [lo, hi]: Range, name: string): number | null {
    if (v === null || (Number.isFinite(v) && v >= lo && v <= hi)) return v;
    this.count++;
    this.what.add(name);
    return null;
  }

  column(col: Float32Array | Float64Array, [lo, hi]: Range, name: string): void {
    for (let i = 0; i < col.length; i++) {
      const v = col[i] as number;
      // NaN already means "no reading"; only a real number outside the range is dropped.
      if (v === v && !(v >= lo && v <= hi)) {
        col[i] = Number.NaN;
        this.count++;
        this.what.add(name);
      }
    }
  }
}

function plausibleLap(lap: Lap, d: Dropped): Lap {
  const P = PLAUSIBLE;
  return {
    ...lap,
    elapsedS: d.value(lap.elapsedS, P.durationS, "lap time"),
    timerS: d.value(lap.timerS, P.durationS, "lap time"),
    distanceM: d.value(lap.distanceM, P.distanceM, "lap distance"),
    avgSpeedMps: d.value(lap.avgSpeedMps, P.speedMps, "lap speed"),
    avgCadenceSpm: d.value(lap.avgCadenceSpm, P.cadenceSpm, "lap cadence"),
    avgHeartRateBpm: d.value(lap.avgHeartRateBpm, P.heartRateBpm, "lap heart rate"),
  };
}

function plausibleSamples(s: Samples, d: Dropped): void {
  const P = PLAUSIBLE;
  d.column(s.distanceM, P.distanceM, "distance");
  d.column(s.speedMps, P.speedMps, "speed");
  d.column(s.heartRateBpm, P.heartRateSampleBpm, "heart rate");
  d.column(s.cadenceSpm, P.cadenceSpm, "cadence");
  d.column(s.altitudeM, P.altitudeM, "altitude");
  d.column(s.stepLengthM, P.stepLengthM, "step length");
  d.column(s.verticalOscillationMm, P.verticalOscillationMm, "vertical oscillation");
  d.column(s.verticalRatioPct, P.verticalRatioPct, "vertical ratio");
  d.column(s.stanceTimeMs, P.stanceTimeMs, "stance time");
}

/**
 * The activity with every number outside its physical range left out (positions are checked where they are
 * converted), and a warning naming what was; the samples are fixed in place. `implausibleSamples` is how many
 * sample values buildSamples counted outside their ranges: the columns are scanned again only when there are some.
 */
export function plausibleActivity(
  a: Activity,
  warnings: ParseWarning[],
  implausibleSamples: number,
): Activity {
  const P = PLAUSIBLE;
  const d = new Dropped();
  if (implausibleSamples > 0) plausibleSamples(a.samples, d);
  const out: Activity = {
    ...a,
    elapsedS: d.value(a.elapsedS, P.durationS, "elapsed time"),
    timerS: d.value(a.timerS, P.durationS, "timer time"),
    distanceM: d.value(a.distanceM, P.distanceM, "distance"),
    avgSpeedMps: d.value(a.avgSpeedMps, P.speedMps, "speed"),
    maxSpeedMps: d.value(a.maxSpeedMps, P.speedMps, "speed"),
    avgHeartRateBpm: d.value(a.avgHeartRateBpm, P.heartRateBpm, "heart rate"),
    maxHeartRateBpm: d.value(a.maxHeartRateBpm, P.heartRateBpm, "heart rate"),
    avgCadenceSpm: d.value(a.avgCadenceSpm, P.cadenceSpm, "cadence"),
    totalAscentM: d.value(a.totalAscentM, P.ascentM, "ascent"),
    avgStepLengthM: d.value(a.avgStepLengthM, P.stepLengthM, "step length"),
    avgVerticalOscillationMm: d.value(
      a.avgVerticalOscillationMm,
      P.verticalOscillationMm,
      "vertical oscillation",
    ),
    avgVerticalRatioPct: d.value(a.avgVerticalRatioPct, P.verticalRatioPct, "vertical ratio"),
    avgStanceTimeMs: d.value(a.avgStanceTimeMs, P.stanceTimeMs, "stance time"),
    laps: a.laps.map((lap) => plausibleLap(lap, d)),
  };
  if (d.count > 0) {
    warnings.push(
      warning(
        "implausible-values",
        `${d.count} values outside what a body or a watch can record (${[...d.what].join(", ")}) were left out.`,
      ),
    );
  }
  return out;
}
