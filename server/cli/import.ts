import type { Command } from "commander";

interface ImportCliOptions {
  data?: string;
  json?: boolean;
  threads?: string;
  analysis: boolean;
}

/** `stridewise import <path...>`: files, .fit.gz, zips (Garmin/Strava exports) and folders, in any mix. */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description("import FIT files, .fit.gz, zip archives (Garmin or Strava exports) and folders")
    .argument("<path...>", "files, archives or folders")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .option("--json", "print the per-file outcomes and the summary as JSON")
    .option(
      "--threads <n>",
      "parse worker threads (default: one per core but one for 16 files or more; on 2 cores, one from 500 files); 0 does everything on one thread",
    )
    .option("--no-analysis", "store only; the dashboard analyses the new runs on its first read instead")
    .action(async (paths: string[], opts: ImportCliOptions) => {
      const threads = opts.threads === undefined ? undefined : Number(opts.threads);
      if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= 64)) {
        program.error(`--threads must be a whole number from 0 to 64, not "${opts.threads}".`);
      }
      // Loaded only when this command runs: the other commands' dependencies stay off its start-up.
      const { runImport } = await import("./import-command.ts");
      await runImport(paths, { data: opts.data, json: opts.json, threads, analysis: opts.analysis });
    });
}
