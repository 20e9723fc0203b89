import type { Samples } from "../../fit-parser/types.ts";
import type { StorableParse } from "../db/activity-rows.ts";
import { type FileResult, parseFile } from "./import/engine/parse-file.ts";
import { type WorkerPool, startWorkerPool } from "./import/engine/worker-pool.ts";
import type { RawFile } from "./import/read-file.ts";

/** A stored original parsed again: its sessions as storage keeps them, and each session's samples. */
export interface ReparsedOriginal {
  parsed: StorableParse;
  samples: Samples[];
}

// The import's parse worker, asked for samples: one thread, started on the first large original.
const SETTINGS = { prepare: false, pack: false, samples: true };
/** A worker idle this long is stopped: its ~0.15 s start is paid again only by the next large original. */
const IDLE_MS = 30_000;

let pool: WorkerPool | null = null;
let busy = 0;
let idleTimer: NodeJS.Timeout | null = null;

function reparsed(result: FileResult): ReparsedOriginal | null {
  return result.kind === "parsed" ? { parsed: result.parsed, samples: result.samples ?? [] } : null;
}

function rawOf(bytes: Uint8Array): RawFile {
  // Stored originals passed every cap when they were imported; the cap only has to let them through again.
  return { display: "stored original", gzipped: false, maxFitBytes: Number.MAX_SAFE_INTEGER, raw: bytes };
}

/** Parses a stored original on this thread: for small ones, and the analysis' synchronous reads. */
export function reparseHere(bytes: Uint8Array): ReparsedOriginal | null {
  return reparsed(parseFile(rawOf(bytes), () => false, SETTINGS));
}

function stopWhenIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    const idle = pool;
    pool = null;
    void idle?.close();
  }, IDLE_MS);
  idleTimer.unref();
}

/** Parses a stored original on the import's parse worker, so the event loop stays free meanwhile. */
export async function reparseOffThread(bytes: Uint8Array): Promise<ReparsedOriginal | null> {
  if (idleTimer) clearTimeout(idleTimer);
  if (!pool) {
    pool = startWorkerPool(
      1,
      { settings: SETTINGS, known: [] },
      (f) => parseFile(f, () => false, SETTINGS),
      true,
    );
    pool.unref();
  }
  busy++;
  try {
    // The bytes move to the worker: a copy, so the caller's (a statement's result) stay whole.
    return reparsed(await pool.parse(rawOf(bytes.slice())));
  } finally {
    if (--busy === 0) stopWhenIdle();
  }
}
