import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Samples } from "../../fit-parser/types.ts";
import { type PackedRun, prepareToKeep } from "./analysis/packed-run.ts";
import { DomainError } from "../errors.ts";
import { bundledWorker } from "./bundled-worker.ts";
import { type Preparer, type Preparing, preparerHere } from "./import-parse.ts";
import { LentColumns } from "./lent-columns.ts";
import { movable } from "./transfer.ts";
import type { WorkerJob, WorkerReply } from "./parse-worker.ts";
import { type RawFile, type Unpacked, unpack } from "./unpack.ts";

/**
 * Unpacks, hashes and parses files, and prepares runs' analysis input, on worker threads when the bundled
 * worker is there. A file parsed on this thread is parsed only once its hash is known to be new (`parsed`
 * is null); a worker parses it at once.
 */
export interface ParsePool {
  /** Worker threads (0: everything on this thread). */
  readonly threads: number;
  /** Where parsed runs get their analysis input prepared; null when nothing analyses them (`--no-analysis`). */
  readonly preparer: Preparer | null;
  /**
   * Where samples parsed on this thread come from when a worker prepares them (they move to it, and their
   * memory comes back); undefined when they stay on this thread (prepared here, or not at all).
   */
  readonly lent: LentColumns | undefined;
  unpack(file: RawFile): Promise<Unpacked>;
  /**
   * Does one job still waiting for a worker here, on the calling thread, as a worker would: the importing
   * thread calls it rather than sit idle. False when none is waiting (or this pool's workers only prepare).
   */
  helpOnce(): boolean;
  /** Resolves once a job waits for a worker (at once if one does already). */
  queued(): Promise<void>;
  /** Jobs wait for a worker: the importing thread should let the workers' replies in (a macrotask turn). */
  backlog(): boolean;
  close(): Promise<void>;
}

const never = (): Promise<void> => new Promise(() => undefined);

function inline(prepare: Preparing): ParsePool {
  return {
    threads: 0,
    preparer: preparerHere(prepare),
    lent: undefined,
    unpack: (file) => new Promise((resolve) => resolve(unpack(file, null))),
    helpOnce: () => false,
    queued: never,
    backlog: () => false,
    close: () => Promise.resolve(),
  };
}

interface Job {
  /** A file to read (or unpack) and hash, and maybe parse: this thread may do it itself when idle. */
  file: boolean;
  message: (id: number) => [WorkerJob, ArrayBuffer[]];
  here: () => Unpacked | PackedRun;
  resolve: (result: Unpacked | PackedRun) => void;
  reject: (err: Error) => void;
}

/** Runs waiting for a worker to prepare them, at most: beyond, the importing thread prepares them itself. */
export const PREPARE_BACKLOG = 12;

/**
 * Jobs a worker holds at once: enough that it never waits for the importing thread (busy parsing or
 * storing a few milliseconds at a time) to hand it the next.
 */
export const PER_WORKER = 4;

function settle(job: Job, work: () => Unpacked | PackedRun): void {
  try {
    job.resolve(work());
  } catch (err) {
    job.reject(err as Error);
  }
}

/**
 * A pool of `threads` workers that take work off the importing thread, in one of two ways:
 * - "parse": they read, gunzip, hash, parse and prepare whole files (the bytes move to a worker and back
 *   without copies); the importing thread stores, and takes files from the queue itself when idle.
 * - "prepare" (one worker on 2 cores): the worker reads and hashes each file, and prepares the runs the
 *   importing thread parsed; that thread parses and stores. Each thread then warms up only its own code
 *   (split by file, both would compile and warm up the parser and the analysis), and the two halves weigh
 *   about the same.
 * `prepare` null (`--no-analysis`): nothing is prepared, and the workers parse.
 */
export function createParsePool(
  threads = availableParallelism(),
  prepare: Preparing = null,
  /** Files are parsed on the workers only, never on this thread (a server's event loop stays free). */
  workersOnly = false,
): ParsePool {
  const script = bundledWorker("parse-worker");
  if (threads < 1 || script === null) return inline(prepare);
  const mode = threads === 1 && prepare !== null && !workersOnly ? "prepare" : "parse";
  let workers = Array.from({ length: threads }, () => new Worker(script));
  const all = [...workers];
  const waiting = new Map<number, Job & { worker: Worker }>();
  // A worker gets jobs once it says it is ready: until then (~0.1 s) the importing thread does them.
  const load = new Map<Worker, number>();
  const queue: Job[] = [];
  let wake: (() => void) | null = null;
  let nextId = 0;

  const send = (worker: Worker, job: Job): void => {
    const id = nextId++;
    waiting.set(id, { ...job, worker });
    load.set(worker, (load.get(worker) ?? 0) + 1);
    const [message, transfer] = job.message(id);
    worker.postMessage(message, transfer);
  };
  const dispatch = (): void => {
    for (const worker of workers) {
      const ready = load.has(worker);
      while (ready && queue.length > 0 && (load.get(worker) ?? 0) < PER_WORKER) {
        send(worker, queue.shift() as Job);
      }
    }
    if (queue.some((job) => job.file)) wake?.();
  };
  const submit = <T extends Unpacked | PackedRun>(job: Omit<Job, "resolve" | "reject">): Promise<T> => {
    if (workers.length === 0) return new Promise((resolve) => resolve(job.here() as T));
    return new Promise<T>((resolve, reject) => {
      queue.push({ ...job, resolve: resolve as (r: Unpacked | PackedRun) => void, reject });
      dispatch();
    });
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
      if (reply.ok && reply.returned) lent?.giveBack(reply.returned);
      if (reply.ok) job?.resolve(reply.result as Unpacked | PackedRun);
      else job?.reject(reply.code ? new DomainError(reply.code, reply.message) : new Error(reply.message));
      dispatch();
    });
    // A worker that dies (out of memory on some file) fails the jobs it held; the rest go on without it.
    worker.on("error", (err) => {
      workers = workers.filter((w) => w !== worker);
      for (const [id, job] of waiting) {
        if (job.worker !== worker) continue;
        waiting.delete(id);
        job.reject(err);
      }
      // With no worker left, what is queued is done here.
      if (workers.length === 0) for (const job of queue.splice(0)) settle(job, job.here);
    });
  }

  // In "prepare" mode a worker only reads and hashes: this thread parses once it knows the file is new.
  const parse = mode === "prepare" ? null : { prepare };
  const parseFile = (file: RawFile): Promise<Unpacked> =>
    submit<Unpacked>({
      file: true,
      message: (id) => {
        if ("path" in file) return [{ id, kind: "file", file, parse }, []];
        const raw = movable(file.raw);
        return [{ id, kind: "file", file: { ...file, raw }, parse }, [raw.buffer as ArrayBuffer]];
      },
      here: () => unpack(file, parse),
    });
  const compact = prepare?.compact ?? false;
  const lent = mode === "prepare" ? new LentColumns() : undefined;
  const prepareHere = (samples: Samples): PackedRun => {
    const packed = prepareToKeep(samples, compact);
    // Nothing prepared points into the samples: their columns serve the next parse.
    lent?.giveBack(lent.buffersOf(samples));
    return packed;
  };
  let preparing = 0;
  const prepareSamples = (samples: Samples): PackedRun | Promise<PackedRun> => {
    // A worker behind (starting, or slower than this thread) leaves the next runs to this thread: the runs
    // waiting for it, and the samples they hold, stay few.
    if (preparing >= PREPARE_BACKLOG) return prepareHere(samples);
    preparing++;
    const job = submit<PackedRun>({
      file: false,
      message: (id) => [{ id, kind: "prepare", samples, compact }, lent?.buffersOf(samples) ?? []],
      here: () => prepareHere(samples),
    });
    const settled = (): void => void preparing--;
    // A run left unprepared is read from its original later: that must not count as an unhandled failure.
    job.then(settled, settled);
    return job;
  };
  return {
    threads,
    preparer: mode === "prepare" ? prepareSamples : preparerHere(prepare),
    lent,
    unpack: parseFile,
    helpOnce() {
      if (workersOnly) return false;
      // Files only: the runs' preparation stays on the worker, whose code for it is warm.
      const at = queue.findIndex((job) => job.file);
      if (at < 0) return false;
      const [job] = queue.splice(at, 1) as [Job];
      settle(job, job.here);
      return true;
    },
    queued() {
      // Nothing here takes jobs from the queue: wait for the workers' replies instead.
      if (workersOnly) return never();
      if (queue.some((job) => job.file)) return Promise.resolve();
      return new Promise((resolve) => {
        wake = () => {
          wake = null;
          resolve();
        };
      });
    },
    backlog: () => queue.length > 0,
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
