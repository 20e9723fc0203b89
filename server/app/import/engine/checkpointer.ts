import { Worker } from "node:worker_threads";
import type { Db } from "../../../db/open.ts";
import { bundledWorker } from "./worker-script.ts";

export interface Checkpointer {
  /** Checkpoints once more, closes the worker's connection and gives the database its own checkpoints back. */
  stop(): Promise<void>;
}

/**
 * For a bulk import on several threads: moves the database's WAL checkpoints (about half of what storing
 * an original costs) to a worker thread. Null for an in-memory database or without the bundled worker.
 */
export function startCheckpointer(db: Db): Checkpointer | null {
  const script = bundledWorker("checkpoint-worker");
  if (db.sqlite.memory || script === null) return null;
  const previous = db.sqlite.pragma("wal_autocheckpoint", { simple: true }) as number;
  db.sqlite.pragma("wal_autocheckpoint = 0");
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
      db.sqlite.pragma(`wal_autocheckpoint = ${previous}`);
    },
  };
}
