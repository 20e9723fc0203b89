import { loadDemo } from "../app/demo.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";

/** Loads the generated half-year of runs and pain log into the data folder, once. */
export async function runDemo(dataFlag: string | undefined): Promise<void> {
  const dataDir = resolveDataDir(dataFlag);
  const db = openDataDir(dataDir);
  try {
    const report = await loadDemo(db, { now: new Date() });
    const { imported, duplicate } = report.summary;
    console.log(
      imported > 0
        ? `Loaded the demo: ${imported} runs and a pain log into ${dataDir}. Run \`npm start\` to explore it.`
        : `The demo was already loaded (${duplicate} runs) in ${dataDir}.`,
    );
  } finally {
    db.close();
  }
}
