import type { Command } from "commander";

/** `stridewise inspect <file> [--json]`: parse one FIT file, no database; exit 1 when it is rejected. */
export function registerInspect(program: Command): void {
  program
    .command("inspect")
    .description("read one FIT file and show what Stridewise finds in it (no database)")
    .argument("<file>", "a .fit file")
    .option("--json", "print the result as JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      const { runInspect } = await import("./inspect-command.ts");
      runInspect(file, opts);
    });
}
