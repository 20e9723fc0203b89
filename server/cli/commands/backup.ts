import { resolve } from "node:path";
import type { Command } from "commander";

/** `stridewise backup <file>`: a consistent copy of the database, safe while the server runs. */
export function registerBackup(program: Command): void {
  program
    .command("backup")
    .description("copy the database to <file> (SQLite online backup; safe while serving)")
    .argument("<file>", "where to write the copy (must not exist yet)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action((file: string, opts: { data?: string }) => runBackup(file, opts.data));
}

/** Copies the data folder's database to file with SQLite's online backup. */
async function runBackup(file: string, dataFlag: string | undefined): Promise<void> {
  // Loaded only when this command runs: `--help` and the other commands never load SQLite for it.
  const [{ backupDatabase }, { withDataDb }] = await Promise.all([
    import("../../db/maintenance.ts"),
    import("../with-data-db.ts"),
  ]);
  await withDataDb(dataFlag, async (db) => {
    const r = await backupDatabase(db, resolve(file));
    console.log(
      `backed up ${r.activities} activities and ${r.painEntries} pain entries to ${r.file} (${r.bytes} bytes); restore by copying it to stridewise.db in a data folder`,
    );
  });
}
