import type { Command } from "commander";
import { reanalyzeAll } from "../app/reanalyze.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
import { progressBar } from "./import.ts";

/** `stridewise reanalyze`: rebuild everything derived from the stored originals (after a parser update). */
export function registerReanalyze(program: Command): void {
  program
    .command("reanalyze")
    .description("recompute activities, laps and series from the stored original files")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action((opts: { data?: string }) => {
      const db = openDataDir(resolveDataDir(opts.data));
      const bar = progressBar();
      try {
        const r = reanalyzeAll(db, { onProgress: (p) => bar.update(p) });
        bar.done();
        for (const f of r.failed) {
          console.log(
            `kept as before: ${f.name} (file ${f.fileId}) could not be read now (${f.code}: ${f.message})`,
          );
        }
        console.log(
          `${r.files} files re-read: ${r.updated} activities updated, ${r.added} added, ${r.removed} removed, ${r.failed.length} failed`,
        );
        process.exitCode = r.failed.length > 0 ? 1 : 0;
      } finally {
        db.close();
      }
    });
}
