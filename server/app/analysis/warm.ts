import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Run } from "../../core/types.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { createAnalysisRepo } from "../../db/analysis-repo.ts";
import type { Db } from "../../db/open.ts";
import { bundledWorker } from "../bundled-worker.ts";
import type { AnalysisJob } from "./analysis-worker.ts";
import { type CachedRun, perRunResults, planAnalysis, saveResults } from "./run-cache.ts";
import { toCoreRun } from "./runs-source.ts";

/** Fewer runs than this are analysed on the calling thread: a worker costs about 0.2 s to start. */
const WORKER_MIN_RUNS = 16;

export interface WarmReport {
  runs: number;
  /** Runs analysed now; the rest already had a result under the current model. */
  analysed: number;
  workers: number;
}

function analyseOnWorker(script: string, job: AnalysisJob): Promise<[number, CachedRun][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    worker.once("message", (results: [number, CachedRun][]) => resolve(results));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`An analysis worker stopped with code ${code}.`));
    });
  });
}

/**
 * Computes and caches every run's analysis now (after a bulk import), spread over worker threads, so the
 * dashboard's first read finds the model and every per-run result cached. threads 0: on this thread only.
 */
export async function warmAnalysis(db: Db, threads: number | "auto" = "auto"): Promise<WarmReport> {
  const activities = createActivitiesRepo(db);
  const cache = createAnalysisRepo(db);
  const runs = activities.list({ runsOnly: true, limit: -1 }).reverse().map(toCoreRun);
  const plan = planAnalysis(db, activities, cache, runs);
  const done = cache.analysed(plan.key);
  const missing = runs.filter((r) => !done.has(r.id));
  const script = bundledWorker("analysis-worker");
  const count = threads === "auto" ? availableParallelism() : threads;
  if (count < 1 || script === null || db.sqlite.memory || missing.length < WORKER_MIN_RUNS) {
    perRunResults(db, activities, cache, runs);
    return { runs: runs.length, analysed: missing.length, workers: 0 };
  }
  // Dealt round-robin: long and short runs are spread evenly over the workers.
  const slices: Run[][] = Array.from({ length: count }, () => []);
  missing.forEach((run, i) => slices[i % count]?.push(run));
  const results = await Promise.all(
    slices.map((slice) => analyseOnWorker(script, { file: db.sqlite.name, runs: slice, basis: plan.basis })),
  );
  saveResults(db, cache, plan.key, results.flat());
  return { runs: runs.length, analysed: missing.length, workers: count };
}
