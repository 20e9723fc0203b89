import { resolve } from "node:path";
import { exportData } from "../app/export.ts";
import { withDataDb } from "./with-data-db.ts";

/** Writes the zip of originals plus CSV and JSON of activities and pain entries to file. */
export async function runExport(file: string, dataFlag: string | undefined): Promise<void> {
  await withDataDb(dataFlag, async (db) => {
    const r = await exportData(db, resolve(file), new Date());
    console.log(
      `exported ${r.originals} original files, ${r.activities} activities and ${r.painEntries} pain entries to ${r.file} (${r.bytes} bytes)`,
    );
  });
}
