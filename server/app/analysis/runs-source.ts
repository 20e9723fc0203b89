import type { Samples } from "../../../fit-parser/types.ts";
import type { Run } from "../../core/types.ts";
import type { ActivitiesRepo, ActivitySummary } from "../../db/activities-repo.ts";
import { countsInAnalysis } from "../../core/plausible.ts";

/** What toCoreRun reads: a stored activity's summary, with or without its samples. */
type RunSource = Pick<
  ActivitySummary,
  | "id"
  | "startUtc"
  | "localDate"
  | "utcOffsetS"
  | "distanceM"
  | "timerS"
  | "elapsedS"
  | "avgSpeedMps"
  | "avgCadenceSpm"
> &
  Partial<Pick<ActivitySummary, "subSport" | "sampleCount" | "dateShiftS">> & { samples?: Samples };

/** A core run that still knows its stored row: a run the runner moved is matched where its file puts it. */
export type StoredCoreRun = Run & Partial<Pick<ActivitySummary, "sampleCount" | "dateShiftS">>;

/**
 * The stored runs the analysis reads on the runner's `today`, oldest first: the dashboard, its warm-up and an
 * import's analysis read the same ones, so none of them refits a model another already fitted.
 */
export function analysedSummaries(activities: ActivitiesRepo, today: string): ActivitySummary[] {
  return activities
    .list({ runsOnly: true, limit: -1 })
    .reverse()
    .filter((a) => countsInAnalysis(a, today));
}

/** A stored activity as the analysis core reads it. */
export function toCoreRun(a: RunSource): StoredCoreRun {
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
    subSport: a.subSport ?? null,
    series: a.samples && a.samples.count > 0 ? a.samples : null,
    ...(a.sampleCount !== undefined && { sampleCount: a.sampleCount }),
    ...(a.dateShiftS !== undefined && a.dateShiftS !== 0 && { dateShiftS: a.dateShiftS }),
  };
}
