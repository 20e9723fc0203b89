import type { Command } from "commander";
import { resolveDataDir } from "../../config.ts";

/** `stridewise demo`: a generated half-year history with a pain log, to explore the dashboard at once. */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("load a generated half-year of runs and a pain log into the data folder")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action((opts: { data?: string }) => runDemo(opts.data));
}

/** Loads the generated half-year of runs and pain log into the data folder, once. */
async function runDemo(dataFlag: string | undefined): Promise<void> {
  // Loaded only when this command runs: `--help` and the other commands never load the encoder or SQLite.
  const [{ loadDemo }, { openDataDir }] = await Promise.all([
    import("../../app/demo.ts"),
    import("../../db/open.ts"),
  ]);
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
