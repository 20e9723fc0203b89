import { PreparedRuns } from "../app/import/engine/prepared-runs.ts";
import { warmAnalysis } from "../app/analysis/warm.ts";
import { loadDemo } from "../app/demo.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";

/** Loads the generated half-year of runs and pain log into the data folder, once. */
export async function runDemo(dataFlag: string | undefined): Promise<void> {
  const dataDir = resolveDataDir(dataFlag);
  const db = openDataDir(dataDir);
  try {
    const prepared = new PreparedRuns();
    const report = await loadDemo(db, { now: new Date(), prepared });
    const { imported, duplicate } = report.summary;
    // Analysed now, as an import is, so the dashboard opens on it without waiting.
    if (imported > 0) await warmAnalysis(db, "auto", prepared);
    console.log(
      imported > 0
        ? `Loaded the demo: ${imported} runs and a pain log into ${dataDir}. Run \`npm start\` to explore it.`
        : `The demo was already loaded (${duplicate} runs) in ${dataDir}.`,
    );
  } finally {
    db.close();
  }
}
