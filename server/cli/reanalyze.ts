import type { Command } from "commander";

/** `stridewise reanalyze`: rebuild everything derived from the stored originals (after a parser update). */
export function registerReanalyze(program: Command): void {
  program
    .command("reanalyze")
    .description("recompute activities, laps and the analysis from the stored original files")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (opts: { data?: string }) => {
      const { runReanalyze } = await import("./reanalyze-command.ts");
      await runReanalyze(opts.data);
    });
}
