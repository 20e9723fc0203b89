import { expectedCadence, type CadenceModel } from "./cadence-model.ts";
import type { CorrelationResult } from "./correlation.ts";
import { formatDay } from "./dates.ts";
import { formatDistance, formatPace, formatPercent } from "./format.ts";
import type { NextRunCeiling, RunSpike } from "./load.ts";
import type { RollingChange } from "./load-series.ts";
import type { CadenceAnalysis, CadenceSegment } from "./overstriding.ts";
import type { Run, Units } from "./types.ts";

// The "because" sentences: each names the runner's own runs, dates and numbers.

export function spikeReason(run: Run, spike: RunSpike, units: Units, today: string): string {
  const ratio = spike.ratio ?? 1;
  return (
    `Your run on ${formatDay(run.localDate, today)} (${formatDistance(run.distanceM, units)}) was ` +
    `${formatPercent(ratio - 1)} longer than any run in the 30 days before (${formatDistance(spike.l30M ?? 0, units)}).`
  );
}

export function weeklyReason(change: RollingChange, units: Units, today: string): string {
  return (
    `You ran ${formatDistance(change.last7M, units)} in the 7 days to ${formatDay(change.date, today)}, ` +
    `${formatPercent(change.change ?? 0)} more than the 7 days before (${formatDistance(change.previous7M, units)}).`
  );
}

export function ceilingReason(ceiling: NextRunCeiling, units: Units, today: string): string {
  return (
    `Keep your next run under ${formatDistance(ceiling.ceilingM, units)}: 1.10 × your longest run of the last 30 days ` +
    `(${formatDistance(ceiling.l30M, units)} on ${formatDay(ceiling.longestRunDate, today)}).`
  );
}

export function cadenceReason(run: Run, a: CadenceAnalysis, units: Units, today: string): string {
  const day = formatDay(run.localDate, today);
  const r = a.medianResidualPct ?? 0;
  const longest = a.segments.reduce<CadenceSegment | null>(
    (best, s) => (best === null || s.durationS > best.durationS ? s : best),
    null,
  );
  if (r > -5 && longest) {
    const minutes = Math.round((a.flaggedFraction * a.runningS) / 60);
    return (
      `On ${day}, ${minutes} min of your run had low cadence for your speed: ${Math.round(longest.medianCadenceSpm)} spm ` +
      `at ${formatPace(longest.medianSpeedMps, units)} from minute ${Math.floor(longest.startS / 60)} to ${Math.ceil(longest.endS / 60)}, ` +
      `${Math.abs(Math.round(longest.medianResidualPct))}% below the ${Math.round(longest.medianExpectedSpm)} spm expected at that pace.`
    );
  }
  const observed = a.medianCadenceSpm ?? 0;
  // Expected shown as observed / (1 + r) so the three numbers in the sentence agree.
  return (
    `On ${day} your cadence was ${Math.round(observed)} spm at ${formatPace(a.medianSpeedMps ?? 0, units)}, ` +
    `${Math.abs(Math.round(r))}% below the ${Math.round(observed / (1 + r / 100))} spm expected at that pace.`
  );
}

export function absoluteLowReason(run: Run, a: CadenceAnalysis, today: string): string {
  return (
    `On ${formatDay(run.localDate, today)} your cadence (${Math.round(a.medianCadenceSpm ?? 0)} spm) was more than 16 spm ` +
    `under the typical runner's ${Math.round(a.populationCadenceSpm ?? 0)} spm at that speed.`
  );
}

export function lateDropReason(run: Run, a: CadenceAnalysis, today: string): string {
  return (
    `On ${formatDay(run.localDate, today)} your cadence fell ${(a.lateDrop?.dropPoints ?? 0).toFixed(1)} points ` +
    `(for your speed) in the last quarter of the run compared with the first: a sign of fatigue.`
  );
}

export function correlationReason(c: CorrelationResult): string {
  return c.explanation.split(". ").slice(0, 2).join(". ").replace(/\.?$/, ".");
}

/** +5% from the runner's own cadence at their usual speed (the model's expectation only when that is unknown). */
export function cadenceTarget(
  model: CadenceModel,
  units: Units,
  usualSpeedMps?: number,
  ownCadenceSpm?: number | null,
): string {
  const speed = usualSpeedMps ?? model.referenceSpeedMps ?? 3;
  const now = ownCadenceSpm ?? expectedCadence(model, speed);
  return `at your usual ${formatPace(speed, units)}, about ${Math.round(now * 1.05)} spm instead of your ${Math.round(now)}`;
}
