import type { Command } from "commander";
import { resolve } from "node:path";
import { exportData } from "../app/export.ts";
import { withDataDb } from "./with-data-db.ts";

/** `stridewise export <file.zip>`: the originals plus CSV and JSON of activities and pain entries. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write a zip of the original FIT files and CSV/JSON of activities and pain entries")
    .argument("<file.zip>", "where to write the zip (must not exist yet)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (file: string, opts: { data?: string }) => {
      await withDataDb(opts.data, (db) => {
        const r = exportData(db, resolve(file), new Date());
        console.log(
          `exported ${r.originals} original files, ${r.activities} activities and ${r.painEntries} pain entries to ${r.file} (${r.bytes} bytes)`,
        );
      });
    });
}
