import type { Command } from "commander";
import { resolve } from "node:path";
import { exportData } from "../app/export.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
import { DomainError } from "../errors.ts";

/** `stridewise export <file.zip>`: the originals plus CSV and JSON of activities and pain entries. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write a zip of the original FIT files and CSV/JSON of activities and pain entries")
    .argument("<file.zip>", "where to write the zip (must not exist yet)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action((file: string, opts: { data?: string }) => {
      const db = openDataDir(resolveDataDir(opts.data));
      try {
        const r = exportData(db, resolve(file), new Date());
        console.log(
          `exported ${r.originals} original files, ${r.activities} activities and ${r.painEntries} pain entries to ${r.file} (${r.bytes} bytes)`,
        );
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        console.error(err.message);
        process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}
