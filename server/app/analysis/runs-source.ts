import type { Run } from "../../core/types.ts";
import type { ActivitySummary, StoredActivity } from "../../db/activities-repo.ts";

/** A stored activity as the analysis core reads it. */
export function toCoreRun(a: ActivitySummary | StoredActivity): Run {
  return {
    id: a.id,
    startUtc: a.startUtc,
    localDate: a.localDate,
    utcOffsetS: a.utcOffsetS,
    distanceM: a.distanceM ?? 0,
    timerS: a.timerS,
    elapsedS: a.elapsedS,
    avgSpeedMps: a.avgSpeedMps,
    avgCadenceSpm: a.avgCadenceSpm,
    series: "samples" in a && a.samples.count > 0 ? a.samples : null,
  };
}
