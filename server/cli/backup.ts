import type { Command } from "commander";
import { resolve } from "node:path";
import { backupDatabase } from "../app/backup.ts";
import { withDataDb } from "./with-data-db.ts";

/** `stridewise backup <file>`: a consistent copy of the database, safe while the server runs. */
export function registerBackup(program: Command): void {
  program
    .command("backup")
    .description("copy the database to <file> (SQLite online backup; safe while serving)")
    .argument("<file>", "where to write the copy (must not exist yet)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (file: string, opts: { data?: string }) => {
      await withDataDb(opts.data, async (db) => {
        const r = await backupDatabase(db, resolve(file));
        console.log(
          `backed up ${r.activities} activities and ${r.painEntries} pain entries to ${r.file} (${r.bytes} bytes); restore by copying it to stridewise.db in a data folder`,
        );
      });
    });
}
