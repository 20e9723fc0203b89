import type { Command } from "commander";
import { loadDemo } from "../app/demo.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";

/** `stridewise demo`: a generated half-year history with a pain log, to explore the dashboard at once. */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("load a generated half-year of runs and a pain log into the data folder")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (opts: { data?: string }) => {
      const dataDir = resolveDataDir(opts.data);
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
    });
}
