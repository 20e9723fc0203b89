import { parentPort, workerData } from "node:worker_threads";
import type { Run } from "../../core/types.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { openDb } from "../../db/open.ts";
import { type AnalysisBasis, type CachedRun, analyseRun, loadSeries } from "./run-cache.ts";

/** Runs (without series) to analyse under one basis; the worker reads their originals through its own connection. */
export interface AnalysisJob {
  runs: Run[];
  basis: AnalysisBasis;
}

// Started before the basis is known (its start-up overlaps the model's fit), it waits for its one job.
parentPort?.once("message", (job: AnalysisJob) => {
  const db = openDb((workerData as { file: string }).file);
  try {
    const activities = createActivitiesRepo(db);
    const results: [number, CachedRun][] = job.runs.map((run) => [
      run.id,
      analyseRun(loadSeries(activities, run), job.basis),
    ]);
    parentPort?.postMessage(results);
  } finally {
    db.close();
  }
});
