import {
  syncWatches,
  summarizeWatchSync,
  watchForWatches,
  type WatchSyncResult,
} from "../app/sync/watch-sync.ts";
import { watchRoots } from "../app/sync/watch-discovery.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
import { formatOutcome, formatSummary } from "./import-output.ts";

export interface WatchSyncCommandOptions {
  data?: string | undefined;
  watch?: boolean | undefined;
  pushWorkouts?: boolean | undefined;
}

function report(r: WatchSyncResult): void {
  const s = r.report.summary;
  console.log(
    `${r.watch.kind === "mtp" ? "MTP" : "USB"} watch at ${r.watch.mount}: ${formatSummary(s)} (${r.report.unchanged} unchanged)`,
  );
  for (const path of r.pushed) console.log(`workout written: ${path}`);
  for (const why of r.notPushed) console.log(`workout not written: ${why}`);
}

/** Syncs every mounted Garmin once; with watch, keeps scanning for watches being plugged in. */
export async function runWatchSync(opts: WatchSyncCommandOptions): Promise<void> {
  const db = openDataDir(resolveDataDir(opts.data));
  const roots = watchRoots();
  const common = {
    roots,
    pushWorkouts: opts.pushWorkouts === true,
    onResult: (o: Parameters<typeof formatOutcome>[0]) => console.log(formatOutcome(o)),
  };
  if (!opts.watch) {
    try {
      const results = await syncWatches(db, common);
      if (results.length === 0) {
        console.log(`No Garmin watch found (looked in ${roots.join(", ")}). Plug one in, or name a folder.`);
      }
      results.forEach(report);
      process.exitCode = summarizeWatchSync(results).rejected > 0 ? 1 : 0;
    } finally {
      db.close();
    }
    return;
  }
  const watcher = watchForWatches(db, {
    ...common,
    ...(process.env["STRIDEWISE_WATCH_SCAN_MS"] && {
      scanMs: Number(process.env["STRIDEWISE_WATCH_SCAN_MS"]),
    }),
    onSynced: report,
    onError: (err) => console.error(err instanceof Error ? err.message : String(err)),
  });
  const first = await watcher.ready;
  console.log(`${first.length} watches synced; looking for watches being plugged in (Ctrl+C to stop)`);
  const stop = (): void => {
    void watcher.close().then(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
