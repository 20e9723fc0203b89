import type { Command } from "commander";

/** `stridewise export <file.zip>`: the originals plus CSV and JSON of activities and pain entries. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write a zip of the original FIT files and CSV/JSON of activities and pain entries")
    .argument("<file.zip>", "where to write the zip (must not exist yet)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (file: string, opts: { data?: string }) => {
      const { runExport } = await import("./export-command.ts");
      await runExport(file, opts.data);
    });
}
