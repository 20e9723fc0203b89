import type { Command } from "commander";
import { syncFolder, watchFolder } from "../app/sync.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
import { formatOutcome, formatSummary, progressBar } from "./import.ts";

interface SyncCliOptions {
  data?: string;
  watch?: boolean;
}

/** `stridewise sync <folder>`: import what is new in a watch's folder; --watch keeps importing as files land. */
export function registerSync(program: Command): void {
  program
    .command("sync")
    .description(
      "import what is new in a folder (a watch over USB, an app's export folder); --watch keeps going",
    )
    .argument("<folder>", "folder to sync, e.g. /media/GARMIN/GARMIN/Activity")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .option("--watch", "keep watching and import files as they appear and finish writing")
    .action(async (folder: string, opts: SyncCliOptions) => {
      const db = openDataDir(resolveDataDir(opts.data));
      const bar = progressBar();
      const print = { onResult: (o: Parameters<typeof formatOutcome>[0]) => bar.line(formatOutcome(o)) };
      if (!opts.watch) {
        try {
          const report = await syncFolder(db, folder, { ...print, onProgress: (p) => bar.update(p) });
          bar.done();
          console.log(`${formatSummary(report.summary)} (${report.unchanged} unchanged since the last sync)`);
          process.exitCode = report.summary.rejected > 0 ? 1 : 0;
        } finally {
          db.close();
        }
        return;
      }
      const watcher = watchFolder(db, folder, { ...print, onError: (err) => console.error(String(err)) });
      const first = await watcher.ready;
      console.log(`${formatSummary(first.summary)}; watching ${folder} for new files (Ctrl+C to stop)`);
      const stop = (): void => {
        void watcher.close().then(() => {
          db.close();
          process.exit(0);
        });
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
}
