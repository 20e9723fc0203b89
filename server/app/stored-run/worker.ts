import { parentPort } from "node:worker_threads";
import type { ActivityOriginal } from "../../db/activities-repo.ts";
import { type RunRow, samplesOf } from "../load-activity.ts";
import { type StoredRunTask, runTask } from "./work.ts";

/** A stored run's original and what to work out from it. */
export interface StoredRunJob {
  id: number;
  row: RunRow;
  original: ActivityOriginal;
  task: StoredRunTask;
}

export type StoredRunReply = { id: number; value: unknown } | { id: number; error: string };

parentPort?.on("message", (job: StoredRunJob) => {
  try {
    const value = runTask(job.task, samplesOf(job.row, job.original));
    parentPort?.postMessage({ id: job.id, value } satisfies StoredRunReply);
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: String(err) } satisfies StoredRunReply);
  }
});
