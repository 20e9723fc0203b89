import { warmAnalysis } from "../app/analysis/warm.ts";
import { reanalyzeAll } from "../app/reanalyze.ts";
import type { Db } from "../db/open.ts";
import { withDataDb } from "./with-data-db.ts";
import { progressBar } from "./import-output.ts";

/**
 * Rebuilds every activity of the data folder from its stored originals, then analyses every run again (on
 * every core) so the dashboard's first read is served from the caches; exit status 1 if any file failed.
 */
export async function runReanalyze(dataFlag: string | undefined): Promise<void> {
  await withDataDb(dataFlag, reanalyzeIn, "write");
}

async function reanalyzeIn(db: Db): Promise<void> {
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
    const started = performance.now();
    const warm = await warmAnalysis(db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Analysed ${warm.analysed} of ${warm.runs} runs in ${seconds} s.`);
    process.exitCode = r.failed.length > 0 ? 1 : 0;
  } finally {
    bar.done();
  }
}
