import type { Command } from "commander";

/** `stridewise demo`: a generated half-year history with a pain log, to explore the dashboard at once. */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("load a generated half-year of runs and a pain log into the data folder")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (opts: { data?: string }) => {
      const { runDemo } = await import("./demo-command.ts");
      await runDemo(opts.data);
    });
}
