import type { Command } from "commander";
import type { WatchSyncResult } from "../../app/sync/watch-sync.ts";
import type { ImportOutcome } from "../../app/import/types.ts";
import { resolveDataDir } from "../../config.ts";

interface SyncOptions {
  data?: string | undefined;
  watch?: boolean | undefined;
  intervals?: boolean | undefined;
  json?: boolean | undefined;
  pushWorkouts?: boolean | undefined;
}

/**
 * `stridewise sync [folder]`: import what is new in a folder; with no folder, from every mounted Garmin; with
 * --intervals, from intervals.icu. --watch keeps going.
 */
export function registerSync(program: Command): void {
  program
    .command("sync")
    .description(
      "import what is new: from a folder, from every Garmin plugged in (no folder), or from intervals.icu (--intervals)",
    )
    .argument(
      "[folder]",
      "folder to sync, e.g. /media/GARMIN/GARMIN/Activity (default: every mounted Garmin)",
    )
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .option("--watch", "keep going: import files as they land, or watches as they are plugged in")
    .option(
      "--intervals",
      "sync from the connected intervals.icu account (see `stridewise connect intervals`)",
    )
    .option("--json", "with --intervals: print the import report as JSON")
    .option(
      "--push-workouts",
      "with no folder: also write the cadence and next-run workouts to GARMIN/NewFiles",
    )
    .action(async (folder: string | undefined, opts: SyncOptions) => {
      if (opts.intervals) await runIntervalsSync(opts);
      else if (folder === undefined) await runWatchSync(opts);
      else await runFolderSync(folder, opts);
    });
}

// Each sync loads its code only when it runs: `--help` and the other commands never load SQLite or chokidar.

/** Imports what is new in folder; with watch, keeps importing as files land until SIGINT or SIGTERM. */
async function runFolderSync(folder: string, opts: SyncOptions): Promise<void> {
  const [{ syncFolder, watchFolder }, { withDataDb }, { formatOutcome, formatSummary, progressBar }] =
    await Promise.all([
      import("../../app/sync.ts"),
      import("../with-data-db.ts"),
      import("../import-output.ts"),
    ]);
  const bar = progressBar();
  const print = { onResult: (o: ImportOutcome) => bar.line(formatOutcome(o)) };
  // A read-only data folder (or a full disk) is said in its sentence, with exit status 1: never a stack trace.
  await withDataDb(
    opts.data,
    async (db) => {
      if (!opts.watch) {
        const report = await syncFolder(db, folder, { ...print, onProgress: (p) => bar.update(p) });
        bar.done();
        console.log(`${formatSummary(report.summary)} (${report.unchanged} unchanged since the last sync)`);
        process.exitCode = report.summary.rejected > 0 ? 1 : 0;
        return;
      }
      const watcher = watchFolder(db, folder, { ...print, onError: (err) => console.error(String(err)) });
      const first = await watcher.ready;
      console.log(`${formatSummary(first.summary)}; watching ${folder} for new files (Ctrl+C to stop)`);
      await untilStopped(() => watcher.close());
    },
    "write",
  );
  if (opts.watch) process.exit();
}

/** Resolves once SIGINT or SIGTERM arrived and `close` finished: the database is closed after it. */
function untilStopped(close: () => Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => void close().then(() => resolve());
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** One sync from intervals.icu; exit 1 with one sentence when not connected, refused or unreachable. */
async function runIntervalsSync(opts: SyncOptions): Promise<void> {
  const [
    { openAnalysis },
    { IntervalsError, resolveIntervalsUrl },
    { connectedClient },
    { syncIntervals },
    { withDataDb },
    { formatOutcome, formatSummary, toJson },
  ] = await Promise.all([
    import("../../app/analysis/service.ts"),
    import("../../app/sync/intervals-client.ts"),
    import("../../app/sync/intervals-connect.ts"),
    import("../../app/sync/intervals-sync.ts"),
    import("../with-data-db.ts"),
    import("../import-output.ts"),
  ]);
  const dataDir = resolveDataDir(opts.data);
  // Someone is waiting at the terminal: two quick retries rather than the poll's patient back-off.
  const client = connectedClient(dataDir, { baseUrl: resolveIntervalsUrl(), retries: 2, backoffMs: 1000 });
  if (!client) {
    console.error("intervals.icu is not connected: run `stridewise connect intervals --athlete <id>` first.");
    process.exitCode = 1;
    return;
  }
  await withDataDb(
    dataDir,
    async (db) => {
      try {
        const report = await syncIntervals(db, client, {
          onOutcome: (o) => {
            if (!opts.json) console.log(formatOutcome(o));
          },
        });
        if (report.summary.imported > 0) openAnalysis(db, () => new Date()).snapshot();
        if (opts.json) console.log(toJson(report));
        else
          console.log(
            `${formatSummary(report.summary)} (${report.downloaded} downloaded from intervals.icu)`,
          );
        if (report.stopCode !== null) {
          console.error(report.message);
          process.exitCode = 1;
        }
      } catch (err) {
        if (!(err instanceof IntervalsError)) throw err;
        console.error(err.message);
        process.exitCode = 1;
      }
    },
    "write",
  );
}

/** Syncs every mounted Garmin once; with watch, keeps scanning for watches being plugged in. */
async function runWatchSync(opts: SyncOptions): Promise<void> {
  const [
    { syncWatches, summariseWatchSync, watchForWatches },
    { watchRoots },
    { withDataDb },
    { formatOutcome, formatSummary },
  ] = await Promise.all([
    import("../../app/sync/watch-sync.ts"),
    import("../../app/sync/watch-discovery.ts"),
    import("../with-data-db.ts"),
    import("../import-output.ts"),
  ]);
  const report = (r: WatchSyncResult): void => {
    const s = r.report.summary;
    console.log(
      `${r.watch.kind === "mtp" ? "MTP" : "USB"} watch at ${r.watch.mount}: ${formatSummary(s)} (${r.report.unchanged} unchanged)`,
    );
    for (const path of r.pushed) console.log(`workout written: ${path}`);
    for (const why of r.notPushed) console.log(`workout not written: ${why}`);
  };
  const roots = watchRoots();
  const common = {
    roots,
    pushWorkouts: opts.pushWorkouts === true,
    onResult: (o: ImportOutcome) => console.log(formatOutcome(o)),
  };
  await withDataDb(
    opts.data,
    async (db) => {
      if (!opts.watch) {
        const results = await syncWatches(db, common);
        if (results.length === 0) {
          console.log(
            `No Garmin watch found (looked in ${roots.join(", ")}). Plug one in, or name a folder.`,
          );
        }
        results.forEach(report);
        process.exitCode = summariseWatchSync(results).rejected > 0 ? 1 : 0;
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
      await untilStopped(() => watcher.close());
    },
    "write",
  );
  if (opts.watch) process.exit();
}
