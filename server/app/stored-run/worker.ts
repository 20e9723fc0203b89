import { parentPort } from "node:worker_threads";
import type { Run } from "../../core/types.ts";
import { type RunRow, matching } from "../load-activity.ts";
import { reparseHere } from "../original-parser.ts";
import { type StoredRunTask, runTask } from "./work.ts";

/** A stored run's original and what to work out from it. */
export interface StoredRunJob {
  id: number;
  bytes: Uint8Array;
  row: RunRow;
  sessionIndex: number;
  run: Run;
  task: StoredRunTask;
}

export type StoredRunReply = { id: number; value: unknown } | { id: number; error: string };

parentPort?.on("message", (job: StoredRunJob) => {
  try {
    const samples = matching(job.row, reparseHere(job.bytes), job.sessionIndex);
    parentPort?.postMessage({
      id: job.id,
      value: runTask(job.task, job.run, samples),
    } satisfies StoredRunReply);
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: String(err) } satisfies StoredRunReply);
  }
});
