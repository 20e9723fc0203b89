import { Worker } from "node:worker_threads";
import type { RawFile } from "../read-file.ts";
import type { FileResult } from "./parse-file.ts";
import type { ParseJob, ParseReply, ParseWorkerData } from "./parse-worker.ts";
import { workerScript } from "./worker-script.ts";

/** Files a worker holds at once: enough that it never waits for the importing thread to hand it the next. */
export const PER_WORKER = 4;

/** Parse workers that take files off the importing thread; that thread takes files from the queue when idle. */
export interface WorkerPool {
  parse(file: RawFile): Promise<FileResult>;
  /** Waits for `result`, parsing files still waiting for a worker on this thread meanwhile. */
  whileWaiting<T>(result: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Job {
  file: RawFile;
  resolve: (result: FileResult) => void;
  reject: (err: unknown) => void;
}

/** A macrotask turn: the workers' replies are delivered in it. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function startWorkerPool(
  threads: number,
  data: ParseWorkerData,
  here: (file: RawFile) => FileResult,
  /** Files only on the workers, never on this thread (unless every worker died). */
  workersOnly = false,
): WorkerPool {
  const script = workerScript("parse-worker", new URL("./parse-worker.ts", import.meta.url));
  const all = Array.from({ length: threads }, () => new Worker(script, { workerData: data }));
  let workers = [...all];
  // A worker gets files once it says it is ready: until then (~0.1 s) this thread parses them.
  const load = new Map<Worker, number>();
  const waiting = new Map<number, Job & { worker: Worker }>();
  const queue: Job[] = [];
  let wake: (() => void) | null = null;
  let nextId = 0;

  const doHere = (job: Job): void => job.resolve(here(job.file));
  const send = (worker: Worker, job: Job): void => {
    const id = nextId++;
    waiting.set(id, { ...job, worker });
    load.set(worker, (load.get(worker) ?? 0) + 1);
    worker.postMessage({ id, file: job.file } satisfies ParseJob);
  };
  const dispatch = (): void => {
    for (const worker of workers) {
      while (load.has(worker) && queue.length > 0 && (load.get(worker) ?? 0) < PER_WORKER) {
        send(worker, queue.shift() as Job);
      }
    }
    if (queue.length > 0) wake?.();
  };

  for (const worker of all) {
    worker.on("message", (reply: ParseReply | "ready") => {
      if (reply !== "ready") {
        load.set(worker, (load.get(worker) ?? 1) - 1);
        waiting.get(reply.id)?.resolve(reply.result);
        waiting.delete(reply.id);
      } else load.set(worker, 0);
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
      if (workers.length === 0) queue.splice(0).forEach(doHere);
    });
  }

  return {
    parse(file) {
      if (workers.length === 0) return Promise.resolve(here(file));
      return new Promise((resolve, reject) => {
        queue.push({ file, resolve, reject });
        dispatch();
      });
    },
    async whileWaiting(result) {
      // Replies to take in before queued files can go to a worker: without a turn they would wait till the end.
      if (queue.length > 0) await turn();
      let ready = false;
      const settled = result.then(
        () => void (ready = true),
        () => void (ready = true),
      );
      while (!ready) {
        const job = workersOnly ? undefined : queue.shift();
        if (job) {
          doHere(job);
          await turn();
        } else {
          await Promise.race([settled, new Promise<void>((resolve) => (wake = resolve))]);
          wake = null;
        }
      }
      return result;
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
