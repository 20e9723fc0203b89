import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Run } from "../../core/types.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { createAnalysisRepo } from "../../db/analysis-repo.ts";
import type { Db } from "../../db/open.ts";
import { bundledWorker } from "../import/engine/worker-script.ts";
import type { AnalysisJob } from "./analysis-worker.ts";
import { ColumnArena } from "../import/engine/column-codec.ts";
import { packedBuffers } from "../import/engine/packed-run.ts";
import type { PreparedRuns } from "../import/engine/prepared-runs.ts";
import { type CachedRun, MODEL_WINDOW_RUNS, analysePlanned, planAnalysis, saveResults } from "./run-cache.ts";
import { toCoreRun } from "./runs-source.ts";

/**
 * What analysing a run costs, in runs whose original must be read and parsed again (~2.5 ms an hour of
 * running): one the import prepared costs about a fifth of that.
 */
const PREPARED_COST = 0.2;

/**
 * On 2 cores a helper pays only for a long history: it takes ~0.1-0.2 s to start, and the garbage collector's
 * threads want the second core too. Measured: 300 one-hour runs read again took 1.3-1.5 s with one and
 * 1.2-1.3 s without, 2,080 runs 3.5-4.0 s with one and 5.0-5.9 s without. With more cores every core analyses
 * (not measured here: this machine has 2).
 */
const TWO_CORE_HELPER_WORK = 300;

function autoThreads(work: number): number {
  const cores = availableParallelism();
  if (cores > 2) return cores;
  return cores === 2 && work >= TWO_CORE_HELPER_WORK ? 2 : 1;
}

/** Fewer runs than this are analysed on the calling thread: a worker costs about 0.2 s to start. */
const WORKER_MIN_RUNS = 16;

export interface WarmReport {
  runs: number;
  /** Runs analysed now; the rest already had a result under the current model. */
  analysed: number;
  /** Threads that analysed, this one included (1: this one alone). */
  threads: number;
}

/** A worker started now, analysing whatever job it is given later. */
function startWorker(script: string, file: string): (job: AnalysisJob) => Promise<[number, CachedRun][]> {
  const worker = new Worker(script, { workerData: { file } });
  const done = new Promise<[number, CachedRun][]>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`An analysis worker stopped with code ${code}.`)));
  });
  // Handled when its job is awaited; until then a failure must not count as unhandled.
  done.catch(() => undefined);
  return (job) => {
    // Prepared runs' columns move to the worker (this thread is done with them) rather than being copied.
    worker.postMessage(job, packedBuffers(job.packed));
    return done;
  };
}

/**
 * Computes and caches every run's analysis now (after a bulk import), so the dashboard's first read finds the
 * model and every per-run result cached. With threads, workers start at once (their start-up overlaps the
 * model's fit), then this thread analyses its share, beginning with the recent runs the fit already read,
 * while the workers read and analyse the rest. threads 0: this thread only.
 */
export async function warmAnalysis(
  db: Db,
  threads: number | "auto" = "auto",
  prepared?: PreparedRuns,
): Promise<WarmReport> {
  const activities = createActivitiesRepo(db);
  const cache = createAnalysisRepo(db);
  const runs = activities.list({ runsOnly: true, limit: -1 }).reverse().map(toCoreRun);
  // A prepared run is unpacked as it is analysed, into the same columns each time: packed, the whole history
  // fits in memory, and unpacked it is read once.
  const arena = new ColumnArena();
  const withPrepared = (run: Run, into?: ColumnArena): Run => {
    const ready = prepared?.get(run.id, into);
    return ready ? { ...run, prepared: ready } : run;
  };
  const costOf = (run: Run): number => (prepared?.has(run.id) ? PREPARED_COST : 1);
  const work = runs.reduce((sum, r) => sum + costOf(r), 0);
  const script = bundledWorker("analysis-worker");
  const total = threads === "auto" ? autoThreads(work) : Math.max(1, threads);
  const helpers =
    script === null || db.sqlite.memory || runs.length < WORKER_MIN_RUNS || total < 2
      ? []
      : Array.from({ length: total - 1 }, () => startWorker(script, db.sqlite.name));
  // The recent runs the model's fit reads get theirs now.
  const fitted = runs.map((run, i) => (i >= runs.length - MODEL_WINDOW_RUNS ? withPrepared(run) : run));
  const plan = planAnalysis(db, activities, cache, fitted);
  const done = cache.analysed(plan.key);
  const missing = runs.filter((r) => !done.has(r.id));
  const here = (share: readonly Run[]): [number, CachedRun][] =>
    share.map((run) => [
      run.id,
      analysePlanned(activities, plan, plan.recent.get(run.id) ?? withPrepared(run, arena)),
    ]);
  if (helpers.length === 0 || missing.length < WORKER_MIN_RUNS) {
    const dismissed = helpers.map((analyse) =>
      analyse({ runs: [], packed: [], basis: plan.basis }).catch(() => []),
    );
    saveResults(db, cache, plan.key, here(missing));
    await Promise.all(dismissed);
    return { runs: runs.length, analysed: missing.length, threads: 1 };
  }
  // This thread's share starts with the runs whose samples are in memory (prepared, or read for the fit),
  // which cost about a fifth of one read again; the workers take the rest, dealt round-robin.
  const cost = (r: Run): number => (plan.recent.has(r.id) ? PREPARED_COST : costOf(r));
  const inMemory = (r: Run): boolean => cost(r) < 1;
  const ordered = [...missing.filter(inMemory), ...missing.filter((r) => !inMemory(r))];
  const share = ordered.reduce((sum, r) => sum + cost(r), 0) / (helpers.length + 1);
  const mine: Run[] = [];
  const rest: Run[] = [];
  let taken = 0;
  for (const run of ordered) {
    if (taken < share) {
      mine.push(run);
      taken += cost(run);
    } else rest.push(run);
  }
  const slices: Run[][] = helpers.map(() => []);
  rest.forEach((run, i) => slices[i % slices.length]?.push(run));
  // A helper that fails (out of memory, say) leaves its share to this thread, read from the originals (what
  // was prepared was taken out for the helper): the import itself succeeded.
  const pending = helpers.map((analyse, i) => {
    const slice = slices[i] ?? [];
    const packed = slice.map((run) => prepared?.take(run.id) ?? null);
    return analyse({ runs: slice, packed, basis: plan.basis }).catch(() => here(slice));
  });
  const own = here(mine);
  const results = [own, ...(await Promise.all(pending))];
  saveResults(db, cache, plan.key, results.flat());
  return { runs: runs.length, analysed: missing.length, threads: helpers.length + 1 };
}
