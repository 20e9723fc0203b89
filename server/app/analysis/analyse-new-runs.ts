import type { Run } from "../../core/types.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { createAnalysisRepo } from "../../db/analysis-repo.ts";
import type { Db } from "../../db/open.ts";
import type { PreparedRuns } from "../import/engine/prepared-runs.ts";
import type { AnalysisReport } from "../import/types.ts";
import { type CachedRun, MODEL_WINDOW_RUNS, analysePlanned, planAnalysis, saveResults } from "./run-cache.ts";
import { analysedSummaries, toCoreRun } from "./runs-source.ts";
import { runnerTodayOf } from "./today.ts";

/**
 * Computes and caches the analysis of every run without a result under the current model (after an import,
 * the new ones; after a refit, all), so the dashboard's next read finds everything cached. A run the import
 * prepared is analysed from that; any other is read from its original.
 */
export function analyseNewRuns(db: Db, prepared?: PreparedRuns, now = new Date()): AnalysisReport {
  const activities = createActivitiesRepo(db);
  const cache = createAnalysisRepo(db);
  const runs = analysedSummaries(activities, runnerTodayOf(activities, now)).map(toCoreRun);
  const withPrepared = (run: Run): Run => {
    const ready = prepared?.take(run.id);
    return ready ? { ...run, prepared: ready } : run;
  };
  // The recent runs the model's fit reads get theirs first.
  const fitted = runs.map((run, i) => (i >= runs.length - MODEL_WINDOW_RUNS ? withPrepared(run) : run));
  const plan = planAnalysis(db, activities, cache, fitted);
  const done = cache.analysed(plan.key);
  const missing = runs.filter((r) => !done.has(r.id));
  const results = missing.map((run): [number, CachedRun] => [
    run.id,
    analysePlanned(activities, plan, plan.recent.get(run.id) ?? withPrepared(run)),
  ]);
  saveResults(db, cache, plan.key, results);
  return { runs: runs.length, analysed: missing.length };
}
