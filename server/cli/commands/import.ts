import type { Command } from "commander";

interface ImportCliOptions {
  data?: string;
  json?: boolean;
  threads?: string;
  analysis: boolean;
}

interface ImportOptions {
  data?: string | undefined;
  json?: boolean | undefined;
  threads?: number | "auto" | undefined;
  /** Analyse (and cache) every run after storing; default true. */
  analysis?: boolean | undefined;
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
      await runImport(paths, { data: opts.data, json: opts.json, threads, analysis: opts.analysis });
    });
}

/** Imports paths into the data folder, printing per-file lines (or JSON); exit status 1 if any was rejected. */
async function runImport(paths: string[], opts: ImportOptions): Promise<void> {
  // Loaded only when this command runs: `--help` and the other commands never load the import or SQLite.
  const [{ withDataDb }, { importAndAnalyse }, out] = await Promise.all([
    import("../with-data-db.ts"),
    import("../../app/import/import-and-analyse.ts"),
    import("../import-output.ts"),
  ]);
  await withDataDb(
    opts.data,
    async (db) => {
      const bar = out.progressBar();
      let stored = 0;
      try {
        const report = await importAndAnalyse(db, paths, {
          threads: opts.threads ?? "auto",
          analyse: opts.analysis !== false,
          onProgress: (p) => {
            bar.update(p);
            if (p.current !== null) return;
            bar.done();
            stored = performance.now();
          },
          onResult: (o) => {
            if (!opts.json) bar.line(out.formatOutcome(o));
          },
        });
        if (opts.json) process.stdout.write(`${out.toJson(report)}\n`);
        else process.stdout.write(`${out.formatSummary(report.summary)}\n`);
        if (report.analysis && !opts.json) {
          const seconds = ((performance.now() - stored) / 1000).toFixed(1);
          process.stdout.write(
            `Analysed ${report.analysis.analysed} of ${report.analysis.runs} runs in ${seconds} s.\n`,
          );
        }
        process.exitCode = report.summary.rejected > 0 ? 1 : 0;
      } finally {
        bar.done();
      }
    },
    "write",
  );
}
