import type { Command } from "commander";

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
      const { runSync } = await import("./sync-command.ts");
      await runSync(folder, opts);
    });
}
