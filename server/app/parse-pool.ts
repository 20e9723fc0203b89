import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { parseFit } from "../../fit-parser/index.ts";
import type { ParseResult } from "../../fit-parser/types.ts";

/** Parses FIT bytes, on worker threads when the bundled worker is there, else on this thread. */
export interface ParsePool {
  readonly threads: number;
  parse(bytes: Uint8Array): Promise<ParseResult>;
  close(): Promise<void>;
}

const inline: ParsePool = {
  threads: 0,
  parse: (bytes) => Promise.resolve(parseFit(bytes)),
  close: () => Promise.resolve(),
};

interface Job {
  id: number;
  resolve: (result: ParseResult) => void;
  reject: (err: Error) => void;
}

/**
 * A pool of `threads` parse workers. Parsing is pure CPU work; storing stays on the calling thread,
 * so each file is still one transaction. Running from sources (tests), there is no bundled worker
 * and parsing happens inline.
 */
export function createParsePool(threads = availableParallelism()): ParsePool {
  // dist/cli.js sits beside dist/parse-worker.js; from the TypeScript sources this finds nothing.
  const script = fileURLToPath(new URL("./parse-worker.js", import.meta.url));
  if (threads < 1 || !existsSync(script)) return inline;
  const workers = Array.from({ length: threads }, () => new Worker(script));
  const waiting = new Map<number, Job>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let nextId = 0;
  for (const worker of workers) {
    worker.on("message", (msg: { id: number; result: ParseResult }) => {
      load.set(worker, (load.get(worker) ?? 1) - 1);
      waiting.get(msg.id)?.resolve(msg.result);
      waiting.delete(msg.id);
    });
    worker.on("error", (err) => {
      for (const job of waiting.values()) job.reject(err);
      waiting.clear();
    });
  }
  return {
    threads,
    parse(bytes) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { id, resolve, reject });
        const idlest = workers.reduce((a, b) => ((load.get(a) ?? 0) <= (load.get(b) ?? 0) ? a : b));
        load.set(idlest, (load.get(idlest) ?? 0) + 1);
        idlest.postMessage({ id, bytes });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
