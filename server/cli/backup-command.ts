import { resolve } from "node:path";
import { backupDatabase } from "../db/maintenance.ts";
import { withDataDb } from "./with-data-db.ts";

/** Copies the data folder's database to file with SQLite's online backup. */
export async function runBackup(file: string, dataFlag: string | undefined): Promise<void> {
  await withDataDb(dataFlag, async (db) => {
    const r = await backupDatabase(db, resolve(file));
    console.log(
      `backed up ${r.activities} activities and ${r.painEntries} pain entries to ${r.file} (${r.bytes} bytes); restore by copying it to stridewise.db in a data folder`,
    );
  });
}
