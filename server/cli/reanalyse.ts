import type { Command } from "commander";

/** `stridewise reanalyse`: rebuild everything derived from the stored originals (after a parser update). */
export function registerReanalyse(program: Command): void {
  program
    .command("reanalyse")
    .alias("reanalyze")
    .description("recompute activities, laps and the analysis from the stored original files")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (opts: { data?: string }) => {
      const { runReanalyse } = await import("./reanalyse-command.ts");
      await runReanalyse(opts.data);
    });
}
