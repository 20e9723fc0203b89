import { gunzipSync } from "node:zlib";
import { createActivitiesRepo } from "../db/activities-repo.ts";
import { createFilesRepo } from "../db/files-repo.ts";
import type { Db } from "../db/open.ts";
import { DomainError } from "../errors.ts";
import type { ParseResult } from "../../fit-parser/types.ts";
import { knownFile, sha256, storeParsed, type ImportContext } from "./import-file.ts";
import { createParsePool, type ParsePool } from "./parse-pool.ts";
import { storageError } from "./storage-errors.ts";
import {
  type ArchiveLimits,
  type ImportOptions,
  type ImportOutcome,
  type ImportReport,
  type ImportSource,
  DEFAULT_LIMITS,
  summarize,
} from "./import-types.ts";
import { type Candidate, expandSources } from "./sources.ts";

export function importContext(db: Db, now: () => string = () => new Date().toISOString()): ImportContext {
  return { db, files: createFilesRepo(db), activities: createActivitiesRepo(db), now };
}

function gunzip(bytes: Uint8Array, display: string, limits: ArchiveLimits): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(bytes, { maxOutputLength: limits.maxFitBytes }));
  } catch (err) {
    const tooBig = err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    throw tooBig
      ? new DomainError(
          "file-too-large",
          `${display} unpacks to more than the ${limits.maxFitBytes}-byte limit for one file.`,
        )
      : new DomainError(
          "corrupt-archive",
          `${display} is not a readable gzip file (${(err as Error).message}).`,
        );
  }
}

/** A candidate read, unpacked and hashed: already known, or on its way through a parser. */
type Prepared =
  { outcome: ImportOutcome } | { bytes: Uint8Array; hash: string; parsed: Promise<ParseResult> };

function rejection(display: string, err: unknown): ImportOutcome {
  const storage = storageError(err);
  if (storage) err = storage;
  if (err instanceof DomainError) {
    return { file: display, status: "rejected", activityIds: [], code: err.code, message: err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { file: display, status: "rejected", activityIds: [], code: "import-failed", message };
}

async function prepare(
  ctx: ImportContext,
  c: Candidate,
  limits: ArchiveLimits,
  pool: ParsePool,
): Promise<Prepared> {
  if ("outcome" in c) return { outcome: { file: c.display, ...c.outcome } };
  try {
    const raw = await c.read();
    const bytes = c.gzipped ? gunzip(raw, c.display, limits) : raw;
    const hash = sha256(bytes);
    const known = knownFile(ctx, c.display, hash);
    if (known) return { outcome: known };
    const parsed = pool.parse(bytes);
    // Marked as handled now: a worker failure is reported when this file's turn comes, not as a crash.
    parsed.catch(() => undefined);
    return { bytes, hash, parsed };
  } catch (err) {
    return { outcome: rejection(c.display, err) };
  }
}

async function finish(ctx: ImportContext, display: string, prepared: Prepared): Promise<ImportOutcome> {
  if ("outcome" in prepared) return prepared.outcome;
  try {
    return storeParsed(ctx, display, prepared.bytes, prepared.hash, await prepared.parsed);
  } catch (err) {
    return rejection(display, err);
  }
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
  const { candidates, close } = await expandSources(sources, limits);
  const results: ImportOutcome[] = [];
  const threads = opts.threads ?? 0;
  const pool = createParsePool(threads);
  // Reading stays in order (archives are read one entry at a time); parsing runs ahead on the pool.
  const ahead: Promise<Prepared>[] = [];
  let read = Promise.resolve<unknown>(undefined);
  let next = 0;
  const fill = (): void => {
    while (next < candidates.length && ahead.length <= pool.threads * 2) {
      const candidate = candidates[next++] as Candidate;
      const prepared = read.then(() => prepare(ctx, candidate, limits, pool));
      read = prepared;
      ahead.push(prepared);
    }
  };
  try {
    for (const [i, candidate] of candidates.entries()) {
      opts.onProgress?.({ done: i, total: candidates.length, current: candidate.display });
      fill();
      const outcome = await finish(ctx, candidate.display, await (ahead.shift() as Promise<Prepared>));
      results.push(outcome);
      opts.onResult?.(outcome);
    }
  } finally {
    close();
    await pool.close();
  }
  opts.onProgress?.({ done: candidates.length, total: candidates.length, current: null });
  return { results, summary: summarize(results) };
}
