import { parentPort, workerData } from "node:worker_threads";
import type { Run } from "../../core/types.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { openDb } from "../../db/open.ts";
import { type AnalysisBasis, type CachedRun, analyseRun, loadSeries } from "./run-cache.ts";

/** Runs (without series) to analyse under one basis; the worker reads their originals through its own connection. */
export interface AnalysisJob {
  file: string;
  runs: Run[];
  basis: AnalysisBasis;
}

const job = workerData as AnalysisJob;
const db = openDb(job.file);
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
