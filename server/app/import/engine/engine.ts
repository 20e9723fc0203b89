import { availableParallelism } from "node:os";
import type { Db } from "../../../db/open.ts";
import { startCheckpointer } from "./checkpointer.ts";
import type { RawFile } from "../read-file.ts";
import type { ImportOutcome } from "../types.ts";
import { type FileResult, parseFile, refusal } from "./parse-file.ts";
import { PER_WORKER, type WorkerPool, startWorkerPool } from "./worker-pool.ts";

/** A file to parse (read when its turn nears), or one whose outcome the listing already knows. */
export type FileToParse = { display: string } & (
  { read: () => Promise<RawFile> } | { outcome: ImportOutcome }
);

/** One file's result, in the order the files were listed. */
export interface ParsedFile {
  display: string;
  result: FileResult | { kind: "listed"; outcome: ImportOutcome };
}

/** How reading, hashing and parsing an import's files is spread over threads: inline unless asked. */
export interface ImportEngine {
  /**
   * Each file read, hashed, checked against the stored originals and, when new, parsed and prepared.
   * `onTurn(i)` is told as file i becomes the next to come out, before any file after it is read.
   */
  parseAll(files: readonly FileToParse[], onTurn?: (i: number) => void): AsyncGenerator<ParsedFile>;
  close(): Promise<void>;
}

export interface EngineSettings {
  db: Db;
  /** Worker threads; "auto" chooses by the number of files and cores (autoThreads). */
  threads: number | "auto";
  /** Every file on a worker (at least one), none on this thread: a server's event loop stays free. */
  workersOnly: boolean;
  files: number;
  /** Prepare the runs for the analysis after the import (false: `--no-analysis`). */
  prepare: boolean;
  /** Whether stored bytes have this hash, asked before a file is parsed on this thread. */
  isKnown: (hash: string) => boolean;
  /** Every stored hash, for workers (they cannot ask the database). */
  knownHashes: () => string[];
}

/** A batch this large pays for starting workers (about 0.15 s of CPU each, mostly reading Garmin's profile). */
export const BULK_FILES = 16;

/** On 2 cores the one worker pays for itself only from this many files (docs/performance.md). */
export const TWO_CORE_WORKER_FILES = 500;

/** From this many files prepared runs are packed: a third of the memory (docs/performance.md). */
export const PACK_FROM_FILES = 600;

/** Workers for `files` files when the caller leaves it to us: every other core's, for a bulk import. */
export function autoThreads(files: number, cores = availableParallelism()): number {
  if (files < BULK_FILES || cores < 2) return 0;
  if (cores === 2) return files >= TWO_CORE_WORKER_FILES ? 1 : 0;
  return cores - 1;
}

/** Files read ahead of the one being stored: the disk (or an archive) works while the database does. */
const READ_AHEAD = 4;
/** With workers: files this thread may parse ahead of the one being stored while a worker has that one. */
const HELP_AHEAD = 16;

export function startEngine(settings: EngineSettings): ImportEngine {
  const parse = { prepare: settings.prepare, pack: settings.files >= PACK_FROM_FILES };
  const here = (file: RawFile): FileResult => parseFile(file, settings.isKnown, parse);
  const asked = settings.threads === "auto" ? autoThreads(settings.files) : settings.threads;
  const threads = settings.workersOnly ? Math.min(Math.max(1, asked), Math.max(1, settings.files)) : asked;
  const pool: WorkerPool | null =
    threads > 0
      ? startWorkerPool(
          threads,
          { settings: parse, known: settings.knownHashes() },
          here,
          settings.workersOnly,
        )
      : null;
  const window = pool ? HELP_AHEAD + threads * PER_WORKER : READ_AHEAD;
  // Checkpoints on a thread of their own: 9-19% of a bulk import's wall time on a quiet 2-core machine.
  const bulk = settings.threads === "auto" && settings.files >= BULK_FILES;
  const checkpointer = threads > 0 || bulk ? startCheckpointer(settings.db) : null;

  async function* parseAll(
    files: readonly FileToParse[],
    onTurn?: (i: number) => void,
  ): AsyncGenerator<ParsedFile> {
    const ahead: Promise<ParsedFile["result"]>[] = [];
    // Reads stay in order: an archive is read one entry at a time.
    let reading: Promise<unknown> = Promise.resolve();
    let next = 0;
    const fill = (): void => {
      while (next < files.length && ahead.length < window) {
        const file = files[next++] as FileToParse;
        if ("outcome" in file) {
          ahead.push(Promise.resolve({ kind: "listed", outcome: file.outcome }));
          continue;
        }
        const read = reading.then(file.read);
        reading = read.catch(() => undefined);
        ahead.push(read.then((raw) => (pool ? pool.parse(raw) : here(raw))).catch(refusal));
      }
    };
    for (let i = 0; i < files.length; i++) {
      onTurn?.(i);
      fill();
      const result = ahead.shift() as Promise<ParsedFile["result"]>;
      yield {
        display: (files[i] as FileToParse).display,
        result: await (pool ? pool.whileWaiting(result) : result),
      };
    }
    // Every file parsed: the workers' memory goes before the analysis; checkpoints go on until close().
    await pool?.close();
  }

  async function close(): Promise<void> {
    await pool?.close();
    await checkpointer?.stop();
  }
  return { parseAll, close };
}
