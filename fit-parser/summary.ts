import type { LapMesg, SessionMesg } from "@garmin/fitsdk";
import { rawCadence, toSpm } from "./cadence.ts";
import type { CadenceScale } from "./cadence.ts";
import type { Activity, Lap, Samples } from "./types.ts";
import { numOrNull, positiveOrNull, timeMs } from "./values.ts";

type SummaryFields = Omit<
  Activity,
  | "sport"
  | "subSport"
  | "device"
  | "startUtc"
  | "utcOffsetS"
  | "localDate"
  | "laps"
  | "samples"
  | "hasRunningDynamics"
>;

/** Mean of the finite values of a column (only the positive ones when `positiveOnly`); null when there are none. */
function mean(col: ArrayLike<number>, positiveOnly = false): number | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i] ?? Number.NaN;
    if (Number.isFinite(v) && (!positiveOnly || v > 0)) {
      sum += v;
      n++;
    }
  }
  return n > 0 ? sum / n : null;
}

function max(col: ArrayLike<number>): number | null {
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < col.length; i++) {
    const v = col[i] ?? Number.NaN;
    if (v > best) best = v;
  }
  return Number.isFinite(best) ? best : null;
}

function first(col: ArrayLike<number>, fromEnd = false): number | null {
  for (let k = 0; k < col.length; k++) {
    const v = col[fromEnd ? col.length - 1 - k : k] ?? Number.NaN;
    if (Number.isFinite(v)) return v;
  }
  return null;
}

/** Session/lap average cadence in steps/min (science.md §1), or null for non-foot sports and implausible values. */
export function summaryCadenceSpm(
  m: SessionMesg | LapMesg,
  footSport: boolean,
  scale: CadenceScale,
): number | null {
  if (!footSport) return null;
  const spm = toSpm(rawCadence(m.avgRunningCadence ?? m.avgCadence, m.avgFractionalCadence), scale);
  return spm > 0 ? spm : null;
}

/** Values computed from the samples, used wherever the session does not say. */
export function fromSamples(s: Samples): SummaryFields {
  const t0 = first(s.timeS);
  const t1 = first(s.timeS, true);
  const d1 = first(s.distanceM, true);
  const elapsedS = t0 !== null && t1 !== null ? t1 - t0 : null;
  const distanceM = d1;
  const avgSpeedMps = distanceM !== null && elapsedS ? distanceM / elapsedS : mean(s.speedMps);
  return {
    elapsedS,
    timerS: elapsedS,
    distanceM,
    avgSpeedMps,
    maxSpeedMps: max(s.speedMps),
    avgHeartRateBpm: mean(s.heartRateBpm),
    maxHeartRateBpm: max(s.heartRateBpm),
    avgCadenceSpm: mean(s.cadenceSpm, true),
    totalAscentM: null,
    avgStepLengthM: mean(s.stepLengthM),
    avgVerticalOscillationMm: mean(s.verticalOscillationMm),
    avgVerticalRatioPct: mean(s.verticalRatioPct),
    avgStanceTimeMs: mean(s.stanceTimeMs),
  };
}

/** The session's own figures, each falling back to the value computed from the samples. */
export function sessionSummary(
  m: SessionMesg | null,
  s: Samples,
  footSport: boolean,
  scale: CadenceScale,
): SummaryFields {
  if (m === null) return fromSamples(s);
  // The sample-based values are only a fallback: scan the columns once, and only if the session lacks something.
  let cached: SummaryFields | null = null;
  const calc = (): SummaryFields => (cached ??= fromSamples(s));
  const stepMm = positiveOrNull(m.avgStepLength);
  return {
    elapsedS: numOrNull(m.totalElapsedTime) ?? calc().elapsedS,
    timerS: numOrNull(m.totalTimerTime) ?? calc().timerS,
    distanceM: numOrNull(m.totalDistance) ?? calc().distanceM,
    avgSpeedMps: numOrNull(m.enhancedAvgSpeed) ?? numOrNull(m.avgSpeed) ?? calc().avgSpeedMps,
    maxSpeedMps: numOrNull(m.enhancedMaxSpeed) ?? numOrNull(m.maxSpeed) ?? calc().maxSpeedMps,
    avgHeartRateBpm: positiveOrNull(m.avgHeartRate) ?? calc().avgHeartRateBpm,
    maxHeartRateBpm: positiveOrNull(m.maxHeartRate) ?? calc().maxHeartRateBpm,
    avgCadenceSpm: summaryCadenceSpm(m, footSport, scale) ?? calc().avgCadenceSpm,
    totalAscentM: numOrNull(m.totalAscent),
    avgStepLengthM: stepMm !== null ? stepMm / 1000 : calc().avgStepLengthM,
    avgVerticalOscillationMm: positiveOrNull(m.avgVerticalOscillation) ?? calc().avgVerticalOscillationMm,
    avgVerticalRatioPct: positiveOrNull(m.avgVerticalRatio) ?? calc().avgVerticalRatioPct,
    avgStanceTimeMs: positiveOrNull(m.avgStanceTime) ?? calc().avgStanceTimeMs,
  };
}

export function buildLap(m: LapMesg, footSport: boolean, scale: CadenceScale): Lap {
  const start = timeMs(m.startTime);
  return {
    startUtc: new Date(Number.isFinite(start) ? start : timeMs(m.timestamp)).toISOString(),
    elapsedS: numOrNull(m.totalElapsedTime),
    timerS: numOrNull(m.totalTimerTime),
    distanceM: numOrNull(m.totalDistance),
    avgSpeedMps: numOrNull(m.enhancedAvgSpeed) ?? numOrNull(m.avgSpeed),
    avgCadenceSpm: summaryCadenceSpm(m, footSport, scale),
    avgHeartRateBpm: positiveOrNull(m.avgHeartRate),
  };
}
