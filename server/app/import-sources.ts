import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { createActivitiesRepo } from "../db/activities-repo.ts";
import { createFilesRepo } from "../db/files-repo.ts";
import type { Db } from "../db/open.ts";
import { parseForImport } from "./import-parse.ts";
import { knownFile, type ImportContext } from "./import-file.ts";
import { startCheckpointer } from "./checkpointer.ts";
import { PER_WORKER, createParsePool, type ParsePool } from "./parse-pool.ts";
import type { RawFile } from "./unpack.ts";
import { type Staged, rejection, storeStaged } from "./store-staged.ts";
import {
  type ArchiveLimits,
  type ImportOptions,
  type ImportOutcome,
  type ImportReport,
  type ImportSource,
  DEFAULT_LIMITS,
  summarize,
} from "./import-types.ts";
import { type Candidate, type Expansion, expandSources } from "./sources.ts";

export function importContext(db: Db, now: () => string = () => new Date().toISOString()): ImportContext {
  return {
    db,
    files: createFilesRepo(db),
    activities: createActivitiesRepo(db, () => Date.parse(now())),
    now,
  };
}

/** A batch this large pays for starting workers (about 0.15 s of CPU each, mostly reading Garmin's profile). */
export const BULK_FILES = 16;

/**
 * On 2 cores the one worker pays for itself only on a long import: its start-up, its own heap and the fresh
 * memory it fills cost about what it saves on a few hundred files. Measured at 697fc52 (best of 2–4; 300
 * one-hour runs, then the first N of the ten-year history's 20–150 min runs), with it and without: 300 files
 * 1.52 and 1.41 s, 450 files 2.02 and 1.97 s, 600 files 2.35 and 2.47 s, 1,000 files 3.12 and 3.90 s, ten
 * years (2,080) 5.15 and 6.73 s.
 */
export const TWO_CORE_WORKER_FILES = 500;

/**
 * From this many files the runs' analysis input is packed while it waits for the analysis (a third of the
 * memory, `server/app/analysis/column-codec.ts`). Packing costs about what the fresh memory it saves costs:
 * measured (best of 3–5, one thread), ten years (2,080 runs) 6.71–6.79 s packed and 6.74–7.25 s not, peak
 * 270 and 449 MB; 300 one-hour runs 1.41–1.46 s packed and 1.36–1.40 s not, 140 and 150 MB.
 */
export const PACK_FROM_FILES = 600;

/** Workers for a batch of `files` when the caller leaves it to us (`threads: "auto"`): every other core's. */
export function autoThreads(files: number, cores = availableParallelism()): number {
  if (files < BULK_FILES || cores < 2) return 0;
  if (cores === 2) return files >= TWO_CORE_WORKER_FILES ? 1 : 0;
  return cores - 1;
}

function resolveThreads(threads: number | "auto", files: number): number {
  return threads === "auto" ? autoThreads(files) : threads;
}

/** A folder or an archive: likely a bulk import, known before it is listed. */
async function looksBulk(sources: readonly ImportSource[]): Promise<boolean> {
  for (const s of sources) {
    if ((typeof s === "string" ? s : s.name).toLowerCase().endsWith(".zip")) return true;
    if (typeof s === "string" && (await stat(s).catch(() => null))?.isDirectory()) return true;
  }
  return false;
}

/**
 * The pool for this batch. Workers take ~0.1–0.2 s to start (mostly reading Garmin's profile), so for a likely
 * bulk import on 3 cores or more they start before the sources are listed, and are let go if it was small. On 2
 * cores the count decides (TWO_CORE_WORKER_FILES), and listing even 2,000 files takes a few tens of ms.
 */
async function poolFor(
  sources: readonly ImportSource[],
  threads: number | "auto",
  prepare: boolean,
  list: () => Promise<Expansion>,
  offThread = false,
): Promise<{ expansion: Expansion; pool: ParsePool }> {
  if (offThread) {
    const expansion = await list();
    const files = expansion.candidates.length;
    const wanted = Math.min(Math.max(1, resolveThreads(threads, files)), files);
    const preparing = prepare ? { compact: files >= PACK_FROM_FILES } : null;
    return { expansion, pool: createParsePool(wanted, preparing, true) };
  }
  const early = availableParallelism() > 2 && (await looksBulk(sources));
  const asked = threads === "auto" ? (early ? autoThreads(Number.POSITIVE_INFINITY) : 0) : threads;
  // Started before the count is known, for what is likely a bulk import: it packs.
  const started = asked > 0 ? createParsePool(asked, prepare ? { compact: true } : null) : null;
  let expansion: Expansion;
  try {
    expansion = await list();
  } catch (err) {
    // Workers left running would keep the process alive.
    await started?.close();
    throw err;
  }
  const files = expansion.candidates.length;
  const wanted = resolveThreads(threads, files);
  if (started && started.threads === wanted) return { expansion, pool: started };
  await started?.close();
  return { expansion, pool: createParsePool(wanted, prepare ? { compact: files >= PACK_FROM_FILES } : null) };
}

/** Files read ahead of the one being stored: the disk works while the database does. */
const READ_AHEAD = 4;
/** With workers: files this thread may parse ahead of the one being stored while a worker has that one. */
const HELP_AHEAD = 16;
/** Files stored in one transaction (each in its own savepoint): see storeStaged. */
const STORE_BATCH = 8;

/**
 * Reads a candidate's bytes; reads are chained so archives are read one entry at a time, in order. A file on
 * disk is read where it is parsed, at once: on a worker, or here with a blocking read (the round trips of an
 * async read left this thread idle a fifth of a one-thread import).
 */
async function readRaw(c: Candidate, limits: ArchiveLimits): Promise<RawFile | ImportOutcome> {
  if ("outcome" in c) return { file: c.display, ...c.outcome };
  const file = { display: c.display, gzipped: c.gzipped, maxFitBytes: limits.maxFitBytes };
  if (c.path !== undefined) return { ...file, path: c.path };
  try {
    return { ...file, raw: await c.read() };
  } catch (err) {
    return rejection(c.display, err);
  }
}

/** Unpacks, hashes and parses (on the pool) a file read, unless its bytes are stored already. */
async function stage(ctx: ImportContext, file: RawFile | ImportOutcome, pool: ParsePool): Promise<Staged> {
  if ("status" in file) return { outcome: file };
  try {
    const { bytes, hash, parsed } = await pool.unpack(file);
    const known = knownFile(ctx, file.display, hash);
    if (known) return { outcome: known };
    return { bytes, hash, parsed: parsed ?? parseForImport(bytes, pool.preparer, pool.lent) };
  } catch (err) {
    return { outcome: rejection(file.display, err) };
  }
}

/** A macrotask turn: the workers' replies are delivered in it. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The file to store next, once ready. While a worker still has it, this thread takes files waiting for a
 * worker rather than sit idle (reads and hashes them, and parses them too when workers parse).
 */
async function helpUntil<T>(pool: ParsePool, next: Promise<T>): Promise<T> {
  if (pool.threads === 0) return next;
  // Replies to take in before waiting jobs can go to a worker: without a turn they would wait till the end.
  if (pool.backlog()) await turn();
  let ready = false;
  const settled = next.then(
    () => void (ready = true),
    () => void (ready = true),
  );
  while (!ready) {
    if (pool.helpOnce()) await turn();
    else await Promise.race([settled, pool.queued()]);
  }
  return next;
}

/**
 * The one import pipeline: files, .fit.gz, zips (nested too), folders and in-memory uploads, in any mix.
 * Each FIT file is imported in its own transaction; a bad file is reported and the batch goes on.
 */
export async function importSources(
  db: Db,
  sources: readonly ImportSource[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const limits: ArchiveLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const ctx = importContext(db, opts.now);
  const { expansion, pool } = await poolFor(
    sources,
    opts.threads ?? 0,
    opts.prepared !== undefined,
    () => expandSources(sources, limits, opts.tempDir),
    opts.offThread,
  );
  const { candidates, close } = expansion;
  const results: ImportOutcome[] = [];
  const kept: Promise<void>[] = [];
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    close();
    await pool.close();
  };
  // The WAL's checkpoints move to a thread of their own for a bulk import, even with no parse worker (300
  // one-hour runs: 1.55–1.92 s with it, 1.72–2.20 s without, 6 rounds); `--threads 0` keeps to one thread.
  const bulk = opts.threads === "auto" && candidates.length >= BULK_FILES;
  const checkpointer = pool.threads > 0 || bulk ? startCheckpointer(db) : null;
  // Reading stays in order (archives are read one entry at a time); unpacking and parsing run ahead on the
  // pool while this thread stores, and storing follows the candidates' order.
  const ahead: Promise<Staged>[] = [];
  // With workers this thread also parses whatever waits for them: it needs files to take while they work.
  const window = pool.threads > 0 ? HELP_AHEAD + pool.threads * PER_WORKER : READ_AHEAD;
  let read: Promise<unknown> = Promise.resolve();
  let next = 0;
  const fill = (): void => {
    while (next < candidates.length && ahead.length < window) {
      const candidate = candidates[next++] as Candidate;
      const raw = read.then(() => readRaw(candidate, limits));
      read = raw;
      ahead.push(raw.then((file) => stage(ctx, file, pool)));
    }
  };
  try {
    let taken = 0;
    while (taken < candidates.length) {
      const batch: { display: string; staged: Staged }[] = [];
      while (batch.length < STORE_BATCH && taken < candidates.length) {
        const display = (candidates[taken++] as Candidate).display;
        opts.onProgress?.({
          done: results.length + batch.length,
          total: candidates.length,
          current: display,
        });
        fill();
        batch.push({ display, staged: await helpUntil(pool, ahead.shift() as Promise<Staged>) });
      }
      for (const outcome of storeStaged(ctx, batch, { keep: opts.prepared, kept })) {
        results.push(outcome);
        opts.onResult?.(outcome);
      }
    }
    await Promise.all(kept);
    await release();
    opts.onProgress?.({ done: candidates.length, total: candidates.length, current: null });
    const report = { results, summary: summarize(results) };
    await opts.afterStore?.(report);
    return report;
  } finally {
    await release();
    await checkpointer?.stop();
  }
}
