import { computeInsights, type Insights, type RunFindings } from "../../core/insights.ts";
import type { ActivitiesRepo, ActivitySummary } from "../../db/activities-repo.ts";
import type { PainRepo } from "../../db/pain-repo.ts";
import type { SettingsRepo } from "../../db/settings-repo.ts";
import type { AnalysisRepo } from "../../db/analysis-repo.ts";
import type { Db } from "../../db/open.ts";
import { perRunResults, type AnalysisBasis } from "./run-cache.ts";
import { toCoreRun } from "./runs-source.ts";
import { runnerToday } from "./today.ts";
import { countsInAnalysis } from "./run-eligibility.ts";

export interface AnalysisDeps {
  db: Db;
  /** Per-run results, kept between restarts. */
  cache: AnalysisRepo;
  activities: ActivitiesRepo;
  pain: PainRepo;
  settings: SettingsRepo;
  now: () => Date;
  /** Changes when another process (a `stridewise sync` beside the server) commits to the database. */
  externalVersion?: () => number;
}

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
}

/**
 * Runs the pure core over the stored history, once per change: every dashboard read between two
 * changes is served from the same snapshot.
 */
export function createAnalysisService(deps: AnalysisDeps): AnalysisService {
  let generation = 0;
  // Kept while a refit says the same, so one new run does not recompute the whole history.
  let basis: AnalysisBasis | null = null;
  let cached: { generation: number; external: number; today: string; snapshot: AnalysisSnapshot } | null =
    null;

  function today(): string {
    const latest = deps.activities.list({ runsOnly: true, limit: 1 })[0];
    return runnerToday(deps.now(), latest?.utcOffsetS ?? null);
  }

  function snapshot(): AnalysisSnapshot {
    const day = today();
    const external = deps.externalVersion?.() ?? 0;
    if (cached && cached.generation === generation && cached.external === external && cached.today === day) {
      return cached.snapshot;
    }
    const listed = deps.activities
      .list({ runsOnly: true, limit: -1 })
      .reverse()
      .filter((a) => countsInAnalysis(a, day));
    const summaries = new Map(listed.map((s) => [s.id, s]));
    const runs = listed.map(toCoreRun);
    const perRun = perRunResults(deps.db, deps.activities, deps.cache, runs, basis);
    basis = { model: perRun.model, refSpeed: perRun.refSpeed };
    const settings = deps.settings.get();
    const insights = computeInsights({
      runs,
      pain: deps.pain.list(),
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
  };
}
