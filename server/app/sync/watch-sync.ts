import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../../db/open.ts";
import { createSyncLogRepo, type SyncFailure } from "../../db/sync-log-repo.ts";
import { DomainError } from "../../errors.ts";
import { summarise, type ImportOptions, type ImportOutcome } from "../import/types.ts";
import { syncFolder, type SyncReport } from "../sync.ts";
import { findWatches, watchRoots, type MountedWatch } from "./watch-discovery.ts";
import { buildWorkout, WORKOUT_KINDS } from "./workout-files.ts";

export interface WatchSyncOptions extends Pick<ImportOptions, "onResult" | "onProgress"> {
  roots?: readonly string[];
  now?: () => Date;
  /** Also write the cadence and next-run workouts to GARMIN/NewFiles on mass-storage watches. */
  pushWorkouts?: boolean;
}

export interface WatchSyncResult {
  watch: MountedWatch;
  report: SyncReport;
  /** Workout files written to the watch. */
  pushed: string[];
  /** Why a workout was not written (no recent base, a red flag), in words. */
  notPushed: string[];
}

/**
 * Copies the runner's workouts into GARMIN/NewFiles, where the watch picks them up when unplugged. Only on a
 * mass-storage watch (or an MTP one that shows a NewFiles folder); MTP-only models take workouts from the phone.
 */
export async function pushWorkouts(db: Db, watch: MountedWatch, now: () => Date) {
  const pushed: string[] = [];
  const notPushed: string[] = [];
  if (watch.kind === "mtp" && watch.newFilesDir === null) {
    return {
      pushed,
      notPushed: [
        "This watch is connected over MTP without a NewFiles folder: send workouts through intervals.icu or Garmin Connect.",
      ],
    };
  }
  const dir = watch.newFilesDir ?? join(watch.garminDir, "NewFiles");
  await mkdir(dir, { recursive: true });
  for (const kind of WORKOUT_KINDS) {
    try {
      const file = buildWorkout(db, kind, now);
      await writeFile(join(dir, file.fileName), file.bytes);
      pushed.push(join(dir, file.fileName));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      notPushed.push(`${kind}: ${err.message}`);
    }
  }
  return { pushed, notPushed };
}

/** Imports what is new from one watch, logs it, and pushes workouts when asked. */
async function syncWatch(db: Db, watch: MountedWatch, opts: WatchSyncOptions = {}): Promise<WatchSyncResult> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const { roots: _roots, now: _now, pushWorkouts: push, ...importOpts } = opts;
  const report = await syncFolder(db, watch.activityDir, { ...importOpts, now: () => now().toISOString() });
  const pushedResult = push ? await pushWorkouts(db, watch, now) : { pushed: [], notPushed: [] };
  const failures: SyncFailure[] = report.results
    .filter((r: ImportOutcome) => r.status === "rejected")
    .map((r) => ({ file: r.file, message: r.message ?? "Rejected." }));
  createSyncLogRepo(db).record({
    source: "watch",
    startedAt,
    finishedAt: now().toISOString(),
    status: failures.length ? "partial" : "ok",
    downloaded: 0,
    ...report.summary,
    message: `Watch at ${watch.mount}${pushedResult.pushed.length ? `; ${pushedResult.pushed.length} workouts written to NewFiles` : ""}`,
    failures,
  });
  return { watch, report, ...pushedResult };
}

/** Finds every mounted Garmin and imports what is new from each, once. */
export async function syncWatches(db: Db, opts: WatchSyncOptions = {}): Promise<WatchSyncResult[]> {
  const watches = await findWatches(opts.roots ?? watchRoots());
  const out: WatchSyncResult[] = [];
  for (const w of watches) out.push(await syncWatch(db, w, opts));
  return out;
}

export interface WatchWatcher {
  /** Resolves once the watches mounted at the start are synced. */
  ready: Promise<WatchSyncResult[]>;
  close(): Promise<void>;
}

/** A watch left plugged in is looked at again this often. */
const RESYNC_MS = 60_000;

/**
 * Keeps looking for watches: one plugged in is synced as soon as a scan sees it (gvfs mounts give no
 * reliable file events, so this scans), and one left plugged in is looked at again every RESYNC_MS.
 */
export function watchForWatches(
  db: Db,
  opts: WatchSyncOptions & {
    scanMs?: number;
    onSynced?: (r: WatchSyncResult) => void;
    onError?: (err: unknown) => void;
  } = {},
): WatchWatcher {
  const roots = opts.roots ?? watchRoots();
  const scanMs = opts.scanMs ?? 3000;
  const lastSynced = new Map<string, number>();
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  async function scan(): Promise<WatchSyncResult[]> {
    const results: WatchSyncResult[] = [];
    const present = await findWatches(roots);
    const seen = new Set(present.map((w) => w.activityDir));
    // Unplugged: forget it, so plugging it back in syncs at once.
    for (const dir of [...lastSynced.keys()]) if (!seen.has(dir)) lastSynced.delete(dir);
    for (const w of present) {
      const last = lastSynced.get(w.activityDir);
      if (last !== undefined && Date.now() - last < RESYNC_MS) continue;
      const result = await syncWatch(db, w, opts);
      lastSynced.set(w.activityDir, Date.now());
      results.push(result);
      opts.onSynced?.(result);
    }
    return results;
  }

  let current: Promise<unknown> = Promise.resolve();
  const loop = (): void => {
    if (closed) return;
    timer = setTimeout(() => {
      current = scan()
        .catch((err: unknown) => opts.onError?.(err))
        .finally(loop);
    }, scanMs);
  };
  const ready = scan();
  current = ready.catch(() => undefined).finally(loop);
  return {
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

export function summariseWatchSync(results: readonly WatchSyncResult[]) {
  return summarise(results.flatMap((r) => r.report.results));
}
