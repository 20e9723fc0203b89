import { watch } from "chokidar";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Db } from "../db/open.ts";
import { createSyncRepo } from "../db/sync-repo.ts";
import { importAndAnalyse } from "./import/import-and-analyse.ts";
import type { ImportOptions, ImportReport } from "./import/types.ts";

export interface SyncReport extends ImportReport {
  /** Files already seen with the same size and modification time, not read again. */
  unchanged: number;
}

/** Every file below `dir`, in name order. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.flatMap((e) => (e.isFile() ? [join(e.parentPath, e.name)] : [])).sort();
}

/** The files of `paths` not seen before with this size and modification time. */
async function changedFiles(
  db: Db,
  paths: readonly string[],
): Promise<{ path: string; size: number; mtimeMs: number }[]> {
  const seen = createSyncRepo(db);
  const changed = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && !seen.isSeen(path, info.size, info.mtimeMs)) {
      changed.push({ path, size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return changed;
}

/** Imports the changed files among `paths` in one import (analysed once), then marks them seen. */
async function syncFiles(db: Db, paths: readonly string[], opts: ImportOptions): Promise<SyncReport> {
  const changed = await changedFiles(db, paths);
  const report = await importAndAnalyse(
    db,
    changed.map((f) => f.path),
    opts,
  );
  const seen = createSyncRepo(db);
  const now = (opts.now ?? (() => new Date().toISOString()))();
  // Marked even when skipped or rejected: a file that is re-written gets a new mtime and is tried again.
  for (const f of changed) seen.markSeen(f.path, f.size, f.mtimeMs, now);
  return { results: report.results, summary: report.summary, unchanged: paths.length - changed.length };
}

/**
 * Imports what is new in a folder (a watch mounted over USB, a Gadgetbridge export folder). Running it again
 * imports nothing: unchanged files are not even read, and changed ones are still deduplicated by content.
 */
export async function syncFolder(db: Db, folder: string, opts: ImportOptions = {}): Promise<SyncReport> {
  return syncFiles(db, await walk(resolve(folder)), opts);
}

export interface FolderWatcher {
  /** Resolves once the watcher has started and the first sync is done. */
  ready: Promise<SyncReport>;
  close: () => Promise<void>;
}

/** Syncs a folder, then keeps importing files as they appear and once they have finished being written. */
export function watchFolder(
  db: Db,
  folder: string,
  opts: ImportOptions & { onError?: (err: unknown) => void; stabilityMs?: number } = {},
): FolderWatcher {
  const root = resolve(folder);
  // One file at a time, after the first sync: a file never races itself into a spurious duplicate.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (path: string): void => {
    const { onProgress: _ignored, ...quiet } = opts;
    queue = queue.then(() => syncFiles(db, [path], quiet)).catch((err: unknown) => opts.onError?.(err));
  };
  const watcher = watch(root, {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: opts.stabilityMs ?? 2000, pollInterval: 100 },
  });
  watcher.on("add", enqueue).on("change", enqueue);
  watcher.on("error", (err) => opts.onError?.(err));
  const started = new Promise<void>((ok) => watcher.once("ready", () => ok()));
  const ready = started.then(() => syncFolder(db, root, opts));
  queue = ready.catch(() => undefined);
  return {
    ready,
    close: async () => {
      await watcher.close();
      await queue;
    },
  };
}
