import { Worker } from "node:worker_threads";
import { pauseAutoCheckpoint } from "../../../db/maintenance.ts";
import type { Db } from "../../../db/open.ts";
import { workerScript } from "./worker-script.ts";

export interface Checkpointer {
  /** Checkpoints once more, closes the worker's connection and gives the database its own checkpoints back. */
  stop(): Promise<void>;
}

/**
 * Moves the database's WAL checkpoints (about half of what storing an original costs) to a thread of their
 * own for a bulk import. Null for an in-memory database.
 */
export function startCheckpointer(db: Db): Checkpointer | null {
  if (db.sqlite.memory) return null;
  const script = workerScript("checkpoint-worker", new URL("./checkpoint-worker.ts", import.meta.url));
  const resume = pauseAutoCheckpoint(db);
  const worker = new Worker(script, { workerData: { file: db.sqlite.name } });
  const stopped = new Promise<void>((resolve) => {
    worker.once("message", () => resolve());
    // A checkpoint that fails (a full disk) only leaves more for SQLite's own; the import is unaffected.
    worker.once("error", () => resolve());
    worker.once("exit", () => resolve());
  });
  return {
    async stop() {
      worker.postMessage("stop");
      await stopped;
      await worker.terminate();
      resume();
    },
  };
}
