import { resolve } from "node:path";
import type { Command } from "commander";

/** `stridewise export <file.zip>`: the originals plus CSV and JSON of activities and pain entries. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write a zip of the original FIT files and CSV/JSON of activities and pain entries")
    .argument("<file.zip>", "where to write the zip (must not exist yet)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action((file: string, opts: { data?: string }) => runExport(file, opts.data));
}

/** Writes the zip of originals plus CSV and JSON of activities and pain entries to file. */
async function runExport(file: string, dataFlag: string | undefined): Promise<void> {
  // Loaded only when this command runs: `--help` and the other commands never load the zip writer or SQLite.
  const [{ exportData }, { withDataDb }] = await Promise.all([
    import("../../app/export.ts"),
    import("../with-data-db.ts"),
  ]);
  await withDataDb(dataFlag, async (db) => {
    const r = await exportData(db, resolve(file), new Date());
    console.log(
      `exported ${r.originals} original files, ${r.activities} activities and ${r.painEntries} pain entries to ${r.file} (${r.bytes} bytes)`,
    );
  });
}
