import type { Command } from "commander";

/** `stridewise backup <file>`: a consistent copy of the database, safe while the server runs. */
export function registerBackup(program: Command): void {
  program
    .command("backup")
    .description("copy the database to <file> (SQLite online backup; safe while serving)")
    .argument("<file>", "where to write the copy (must not exist yet)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (file: string, opts: { data?: string }) => {
      const { runBackup } = await import("./backup-command.ts");
      await runBackup(file, opts.data);
    });
}
