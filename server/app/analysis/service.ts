import { computeInsights, type Insights, type RunFindings } from "../../core/insights.ts";
import { type ActivitySummary, createActivitiesRepo } from "../../db/activities-repo.ts";
import { createAnalysisRepo } from "../../db/analysis-repo.ts";
import { dataVersion, type Db } from "../../db/open.ts";
import { createPainRepo } from "../../db/pain-repo.ts";
import { createSettingsRepo } from "../../db/settings-repo.ts";
import { perRunResults, type AnalysisBasis } from "./run-cache.ts";
import { analysedSummaries, toCoreRun } from "./runs-source.ts";
import { runnerOffsetOf, runnerTodayOf } from "./today.ts";

export interface AnalysisSnapshot {
  insights: Insights;
  summaries: Map<number, ActivitySummary>;
  findingsById: Map<number, RunFindings>;
  distances: Map<number, number>;
}

export interface AnalysisService {
  /** Call after any change to runs, pain entries or settings. */
  invalidate(): void;
  snapshot(): AnalysisSnapshot;
  today(): string;
  /** The UTC offset (s) today() is reckoned in. */
  utcOffsetS(): number;
}

/**
 * Runs the pure core over a database's stored history, once per change: every dashboard read between two
 * changes is served from the same snapshot, and a commit by another process (a `stridewise sync` beside the
 * server) counts as a change.
 */
export function openAnalysis(db: Db, now: () => Date): AnalysisService {
  const activities = createActivitiesRepo(db);
  // Per-run results, kept between restarts.
  const cache = createAnalysisRepo(db);
  const pain = createPainRepo(db);
  const settingsRepo = createSettingsRepo(db);
  let generation = 0;
  // Kept while a refit says the same, so one new run does not recompute the whole history.
  let basis: AnalysisBasis | null = null;
  let cached: { generation: number; external: number; today: string; snapshot: AnalysisSnapshot } | null =
    null;

  function today(): string {
    return runnerTodayOf(activities, now());
  }

  function snapshot(): AnalysisSnapshot {
    const day = today();
    const external = dataVersion(db);
    if (cached && cached.generation === generation && cached.external === external && cached.today === day) {
      return cached.snapshot;
    }
    const listed = analysedSummaries(activities, day);
    const summaries = new Map(listed.map((s) => [s.id, s]));
    const runs = listed.map(toCoreRun);
    const perRun = perRunResults(db, activities, cache, runs, basis);
    basis = { model: perRun.model, refSpeed: perRun.refSpeed };
    const settings = settingsRepo.get();
    const insights = computeInsights({
      runs,
      pain: pain.list(),
      today: day,
      units: settings.units,
      diary: settings.painDiary,
      model: perRun.model,
      cadence: perRun.cadence,
      trendPoints: perRun.trendPoints,
    });
    const result: AnalysisSnapshot = {
      insights,
      summaries,
      findingsById: new Map(insights.runs.map((r) => [r.runId, r])),
      distances: new Map(runs.map((r) => [r.id, r.distanceM])),
    };
    cached = { generation, external, today: day, snapshot: result };
    return result;
  }

  return {
    invalidate() {
      generation++;
    },
    snapshot,
    today,
    utcOffsetS: () => runnerOffsetOf(activities, now()),
  };
}
