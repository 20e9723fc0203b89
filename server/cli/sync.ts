import type { Command } from "commander";

interface SyncCliOptions {
  data?: string;
  watch?: boolean;
  intervals?: boolean;
  json?: boolean;
  pushWorkouts?: boolean;
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
    .action(async (folder: string | undefined, opts: SyncCliOptions) => {
      if (opts.intervals) {
        const { runIntervalsSync } = await import("./sync-intervals-command.ts");
        await runIntervalsSync(opts);
      } else if (folder === undefined) {
        const { runWatchSync } = await import("./sync-watches-command.ts");
        await runWatchSync(opts);
      } else {
        const { runSync } = await import("./sync-command.ts");
        await runSync(folder, opts);
      }
    });
}
