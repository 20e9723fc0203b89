import { watch } from "chokidar";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Db } from "../db/open.ts";
import { createSyncRepo } from "../db/sync-repo.ts";
import { importSources } from "./import/import-and-analyse.ts";
import type { ImportOptions, ImportOutcome, ImportReport } from "./import/types.ts";
import { summarize } from "./import/types.ts";

export interface SyncReport extends ImportReport {
  /** Files already seen with the same size and modification time, not read again. */
  unchanged: number;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (e.isFile()) out.push(path);
  }
  return out;
}

/** Imports one file from a synced folder unless it was seen unchanged; marks it seen afterwards. */
async function syncFile(db: Db, path: string, opts: ImportOptions): Promise<ImportOutcome[] | null> {
  const seen = createSyncRepo(db);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile() || seen.isSeen(path, info.size, info.mtimeMs)) return null;
  const { onProgress: _ignored, ...rest } = opts;
  const report = await importSources(db, [path], rest);
  // Marked even when skipped or rejected: a file that is re-written gets a new mtime and is tried again.
  seen.markSeen(path, info.size, info.mtimeMs, (opts.now ?? (() => new Date().toISOString()))());
  return report.results;
}

/**
 * Imports what is new in a folder (a watch mounted over USB, a Gadgetbridge export folder). Running it again
 * imports nothing: unchanged files are not even read, and changed ones are still deduplicated by content.
 */
export async function syncFolder(db: Db, folder: string, opts: ImportOptions = {}): Promise<SyncReport> {
  const paths = await walk(resolve(folder));
  const results: ImportOutcome[] = [];
  let unchanged = 0;
  for (const [i, path] of paths.entries()) {
    opts.onProgress?.({ done: i, total: paths.length, current: path });
    const outcomes = await syncFile(db, path, opts);
    if (outcomes === null) unchanged++;
    else results.push(...outcomes);
  }
  opts.onProgress?.({ done: paths.length, total: paths.length, current: null });
  return { results, summary: summarize(results), unchanged };
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
    queue = queue.then(() => syncFile(db, path, opts)).catch((err: unknown) => opts.onError?.(err));
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
