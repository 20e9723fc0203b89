import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DomainError } from "../errors.ts";
import { bundledWorker } from "./bundled-worker.ts";
import type { WorkerReply } from "./parse-worker.ts";
import { type RawFile, type Unpacked, unpack } from "./unpack.ts";

/**
 * Unpacks, hashes and parses files, on worker threads when the bundled worker is there. Inline, a file is
 * parsed only once its hash is known to be new (`parsed` is null); a worker parses it at once.
 */
export interface ParsePool {
  readonly threads: number;
  /** Whether parsed runs come with their analysis input prepared (`ImportOptions.prepared`). */
  readonly prepare: boolean;
  unpack(file: RawFile): Promise<Unpacked>;
  /**
   * Does one file still waiting for a worker here, on the calling thread, as a worker would: the importing
   * thread calls it rather than sit idle. False when none is waiting.
   */
  helpOnce(): boolean;
  /** Resolves once a file waits for a worker (at once if one does already). */
  queued(): Promise<void>;
  close(): Promise<void>;
}

const inline = (prepare: boolean): ParsePool => ({
  threads: 0,
  prepare,
  unpack: (file) => new Promise((resolve) => resolve(unpack(file, null))),
  helpOnce: () => false,
  queued: () => new Promise(() => undefined),
  close: () => Promise.resolve(),
});

interface Job {
  file: RawFile;
  resolve: (u: Unpacked) => void;
  reject: (err: Error) => void;
}

/**
 * Files a worker holds at once: enough that it never waits for the importing thread (busy parsing or
 * storing a few milliseconds at a time) to hand it the next.
 */
export const PER_WORKER = 4;

/** Bytes that can be moved to a worker without detaching anyone else's (a pooled Buffer shares its slab). */
function movable(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}

function settle(job: Job, work: () => Unpacked): void {
  try {
    job.resolve(work());
  } catch (err) {
    job.reject(err as Error);
  }
}

/**
 * A pool of `threads` workers that do everything but the storing: gunzip, SHA-256 and parse. The files'
 * bytes move to a worker and back without copies, so the importing thread is left with reading and SQLite,
 * and takes files from the queue itself when it has nothing to store.
 */
export function createParsePool(threads = availableParallelism(), prepare = false): ParsePool {
  const script = bundledWorker("parse-worker");
  if (threads < 1 || script === null) return inline(prepare);
  let workers = Array.from({ length: threads }, () => new Worker(script));
  const all = [...workers];
  const waiting = new Map<number, Job & { worker: Worker }>();
  // A worker gets files once it says it is ready: until then (~0.2 s) the importing thread does them.
  const load = new Map<Worker, number>();
  const queue: Job[] = [];
  let wake: (() => void) | null = null;
  let nextId = 0;

  const send = (worker: Worker, job: Job): void => {
    const id = nextId++;
    waiting.set(id, { ...job, worker });
    load.set(worker, (load.get(worker) ?? 0) + 1);
    if ("path" in job.file) return worker.postMessage({ id, file: job.file, prepare });
    const raw = movable(job.file.raw);
    worker.postMessage({ id, file: { ...job.file, raw }, prepare }, [raw.buffer as ArrayBuffer]);
  };
  const dispatch = (): void => {
    for (const worker of workers) {
      const ready = load.has(worker);
      while (ready && queue.length > 0 && (load.get(worker) ?? 0) < PER_WORKER) {
        send(worker, queue.shift() as Job);
      }
    }
    if (queue.length > 0) wake?.();
  };

  for (const worker of workers) {
    worker.on("message", (reply: WorkerReply | "ready") => {
      if (reply === "ready") {
        load.set(worker, 0);
        return dispatch();
      }
      load.set(worker, (load.get(worker) ?? 1) - 1);
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) job?.resolve(reply.unpacked);
      else job?.reject(reply.code ? new DomainError(reply.code, reply.message) : new Error(reply.message));
      dispatch();
    });
    // A worker that dies (out of memory on some file) fails the files it held; the rest go on without it.
    worker.on("error", (err) => {
      workers = workers.filter((w) => w !== worker);
      for (const [id, job] of waiting) {
        if (job.worker !== worker) continue;
        waiting.delete(id);
        job.reject(err);
      }
      // With no worker left, what is queued is done here.
      if (workers.length === 0) for (const job of queue.splice(0)) settle(job, () => unpack(job.file, null));
    });
  }
  return {
    threads,
    prepare,
    unpack(file) {
      if (workers.length === 0) return inline(prepare).unpack(file);
      return new Promise((resolve, reject) => {
        queue.push({ file, resolve, reject });
        dispatch();
      });
    },
    queued() {
      if (queue.length > 0) return Promise.resolve();
      return new Promise((resolve) => {
        wake = () => {
          wake = null;
          resolve();
        };
      });
    },
    helpOnce() {
      const job = queue.shift();
      if (!job) return false;
      settle(job, () => unpack(job.file, { prepare }));
      return true;
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
