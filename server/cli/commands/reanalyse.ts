import type { Command } from "commander";

/** `stridewise reanalyse`: rebuild everything derived from the stored originals (after a parser update). */
export function registerReanalyse(program: Command): void {
  program
    .command("reanalyse")
    .alias("reanalyze")
    .description("recompute activities, laps and the analysis from the stored original files")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action((opts: { data?: string }) => runReanalyse(opts.data));
}

/**
 * Rebuilds every activity of the data folder from its stored originals, then analyses every run again (on
 * every core) so the dashboard's first read is served from the caches; exit status 1 if any file failed.
 */
async function runReanalyse(dataFlag: string | undefined): Promise<void> {
  // Loaded only when this command runs: `--help` and the other commands never load the parser or SQLite.
  const [{ analyseNewRuns }, { PreparedRuns }, { reanalyseAll }, { withDataDb }, { progressBar }] =
    await Promise.all([
      import("../../app/analysis/analyse-new-runs.ts"),
      import("../../app/import/engine/prepared-runs.ts"),
      import("../../app/reanalyse.ts"),
      import("../with-data-db.ts"),
      import("../import-output.ts"),
    ]);
  await withDataDb(
    dataFlag,
    (db) => {
      const bar = progressBar();
      try {
        const prepared = new PreparedRuns();
        const r = reanalyseAll(db, { onProgress: (p) => bar.update(p), prepared });
        bar.done();
        for (const f of r.failed) {
          console.log(
            `kept as before: ${f.name} (file ${f.fileId}) could not be read now (${f.code}: ${f.message})`,
          );
        }
        console.log(
          `${r.files} files re-read: ${r.updated} activities updated, ${r.added} added, ${r.removed} removed, ${r.failed.length} failed`,
        );
        const started = performance.now();
        const warm = analyseNewRuns(db, prepared);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(`Analysed ${warm.analysed} of ${warm.runs} runs in ${seconds} s.`);
        process.exitCode = r.failed.length > 0 ? 1 : 0;
      } finally {
        bar.done();
      }
    },
    "write",
  );
}
