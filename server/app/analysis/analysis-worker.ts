import { parentPort, workerData } from "node:worker_threads";
import type { Run } from "../../core/types.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { openDb } from "../../db/open.ts";
import { type AnalysisBasis, type CachedRun, analyseRun, loadSeries } from "./run-cache.ts";

/**
 * Runs to analyse under one basis: prepared at import (their columns moved here), or without series, read
 * from their originals through this worker's own connection.
 */
export interface AnalysisJob {
  runs: Run[];
  basis: AnalysisBasis;
}

function analyse(job: AnalysisJob): [number, CachedRun][] {
  const analysed = (run: Run, read: Run): [number, CachedRun] => [run.id, analyseRun(read, job.basis)];
  if (job.runs.every((run) => run.prepared)) return job.runs.map((run) => analysed(run, run));
  const db = openDb((workerData as { file: string }).file);
  try {
    const activities = createActivitiesRepo(db);
    return job.runs.map((run) => analysed(run, loadSeries(activities, run)));
  } finally {
    db.close();
  }
}

// Started before the basis is known (its start-up overlaps the model's fit), it waits for its one job.
parentPort?.once("message", (job: AnalysisJob) => {
  parentPort?.postMessage(analyse(job));
});
