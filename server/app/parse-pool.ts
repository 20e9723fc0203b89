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
  unpack(file: RawFile): Promise<Unpacked>;
  close(): Promise<void>;
}

const inline: ParsePool = {
  threads: 0,
  unpack: (file) => new Promise((resolve) => resolve(unpack(file, false))),
  close: () => Promise.resolve(),
};

interface Job {
  worker: Worker;
  resolve: (u: Unpacked) => void;
  reject: (err: Error) => void;
}

/** Bytes that can be moved to a worker without detaching anyone else's (a pooled Buffer shares its slab). */
function movable(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}

/**
 * A pool of `threads` workers that do everything but the storing: gunzip, SHA-256 and parse. The files'
 * bytes move to a worker and back without copies, so the importing thread is left with reading and SQLite.
 */
export function createParsePool(threads = availableParallelism()): ParsePool {
  const script = bundledWorker("parse-worker");
  if (threads < 1 || script === null) return inline;
  let workers = Array.from({ length: threads }, () => new Worker(script));
  const waiting = new Map<number, Job>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let nextId = 0;
  for (const worker of workers) {
    worker.on("message", (reply: WorkerReply) => {
      load.set(worker, (load.get(worker) ?? 1) - 1);
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) job?.resolve(reply.unpacked);
      else job?.reject(reply.code ? new DomainError(reply.code, reply.message) : new Error(reply.message));
    });
    // A worker that dies (out of memory on some file) fails the files it held; the rest go on without it.
    worker.on("error", (err) => {
      workers = workers.filter((w) => w !== worker);
      for (const [id, job] of waiting) {
        if (job.worker !== worker) continue;
        waiting.delete(id);
        job.reject(err);
      }
    });
  }
  return {
    threads,
    unpack(file) {
      if (workers.length === 0) return inline.unpack(file);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const idlest = workers.reduce((a, b) => ((load.get(a) ?? 0) <= (load.get(b) ?? 0) ? a : b));
        waiting.set(id, { worker: idlest, resolve, reject });
        load.set(idlest, (load.get(idlest) ?? 0) + 1);
        if ("path" in file) return idlest.postMessage({ id, file });
        const raw = movable(file.raw);
        idlest.postMessage({ id, file: { ...file, raw } }, [raw.buffer as ArrayBuffer]);
      });
    },
    async close() {
      await Promise.all([...load.keys()].map((w) => w.terminate()));
    },
  };
}
