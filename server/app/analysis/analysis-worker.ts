import { parentPort, workerData } from "node:worker_threads";
import type { Run } from "../../core/types.ts";
import { type ActivitiesRepo, createActivitiesRepo } from "../../db/activities-repo.ts";
import { type Db, openDb } from "../../db/open.ts";
import { ColumnArena } from "../import/engine/column-codec.ts";
import { type PackedRun, unpackRun } from "../import/engine/packed-run.ts";
import { type AnalysisBasis, type CachedRun, analyseRun, loadSeries } from "./run-cache.ts";

/**
 * Runs to analyse under one basis, each with what the import prepared for it (packed, its columns moved
 * here) or null: then its original is read through this worker's own connection.
 */
export interface AnalysisJob {
  runs: Run[];
  packed: (PackedRun | null)[];
  basis: AnalysisBasis;
}

function analyse(job: AnalysisJob): [number, CachedRun][] {
  // The database is opened only for a run nothing was prepared for.
  let db: Db | null = null;
  let activities: ActivitiesRepo | null = null;
  const repo = (): ActivitiesRepo =>
    (activities ??= createActivitiesRepo((db = openDb((workerData as { file: string }).file))));
  // Each prepared run is unpacked into the same columns, read, and done with before the next.
  const arena = new ColumnArena();
  try {
    return job.runs.map((run, i) => {
      const packed = job.packed[i];
      const read = packed ? { ...run, prepared: unpackRun(packed, arena) } : loadSeries(repo(), run);
      return [run.id, analyseRun(read, job.basis)];
    });
  } finally {
    (db as Db | null)?.close();
  }
}

// Started before the basis is known (its start-up overlaps the model's fit), it waits for its one job.
parentPort?.once("message", (job: AnalysisJob) => {
  parentPort?.postMessage(analyse(job));
});
