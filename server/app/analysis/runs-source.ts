import type { Run } from "../../core/types.ts";
import type { ActivitiesRepo, ActivitySummary, StoredActivity } from "../../db/activities-repo.ts";

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

/** Every run with its series, oldest first, plus the summaries by id. */
export function loadAllRuns(activities: ActivitiesRepo): {
  runs: Run[];
  summaries: Map<number, ActivitySummary>;
} {
  const summaries = activities.list({ runsOnly: true, limit: -1 });
  const runs: Run[] = [];
  for (const summary of summaries.reverse()) {
    const stored = activities.get(summary.id);
    if (stored) runs.push(toCoreRun(stored));
  }
  return { runs, summaries: new Map(summaries.map((s) => [s.id, s])) };
}
