import { gunzipSync } from "node:zlib";
import { createActivitiesRepo } from "../db/activities-repo.ts";
import { createFilesRepo } from "../db/files-repo.ts";
import type { Db } from "../db/open.ts";
import { DomainError } from "../errors.ts";
import { importFitBytes, type ImportContext } from "./import-file.ts";
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

async function importCandidate(
  ctx: ImportContext,
  c: Candidate,
  limits: ArchiveLimits,
): Promise<ImportOutcome> {
  if ("outcome" in c) return { file: c.display, ...c.outcome };
  try {
    const raw = await c.read();
    return importFitBytes(ctx, c.display, c.gzipped ? gunzip(raw, c.display, limits) : raw);
  } catch (err) {
    if (err instanceof DomainError) {
      return { file: c.display, status: "rejected", activityIds: [], code: err.code, message: err.message };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { file: c.display, status: "rejected", activityIds: [], code: "import-failed", message };
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
  try {
    for (const [i, candidate] of candidates.entries()) {
      opts.onProgress?.({ done: i, total: candidates.length, current: candidate.display });
      const outcome = await importCandidate(ctx, candidate, limits);
      results.push(outcome);
      opts.onResult?.(outcome);
    }
  } finally {
    close();
  }
  opts.onProgress?.({ done: candidates.length, total: candidates.length, current: null });
  return { results, summary: summarize(results) };
}
