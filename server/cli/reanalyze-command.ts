import { reanalyzeAll } from "../app/reanalyze.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
import { progressBar } from "./import-output.ts";

/** Rebuilds every activity of the data folder from its stored originals; exit status 1 if any failed. */
export function runReanalyze(dataFlag: string | undefined): void {
  const db = openDataDir(resolveDataDir(dataFlag));
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
}
