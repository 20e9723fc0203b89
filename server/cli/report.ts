import type { Command } from "commander";

/** `stridewise report [--json]`: the insights page in a terminal. */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("print the insights: pain links, advice and red flags")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .option("--json", "print the same JSON as GET /api/insights")
    .action(async (opts: { data?: string; json?: boolean }) => {
      const { runReport } = await import("./report-command.ts");
      await runReport(opts);
    });
}
