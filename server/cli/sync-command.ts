import { syncFolder, watchFolder } from "../app/sync.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
import { formatOutcome, formatSummary, progressBar } from "./import-output.ts";

export interface SyncCommandOptions {
  data?: string | undefined;
  watch?: boolean | undefined;
}

/** Imports what is new in folder; with watch, keeps importing as files land until SIGINT or SIGTERM. */
export async function runSync(folder: string, opts: SyncCommandOptions): Promise<void> {
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
}
