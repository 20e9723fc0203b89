import type { Command } from "commander";

interface ConnectCliOptions {
  athlete: string;
  data?: string;
}

/** `stridewise connect intervals` and `stridewise disconnect intervals`. */
export function registerConnect(program: Command): void {
  program
    .command("connect")
    .description("connect an intervals.icu account (the key is asked for, never passed as an argument)")
    .argument("<service>", "only `intervals` (intervals.icu)")
    .requiredOption("--athlete <id>", "your intervals.icu athlete id, e.g. i12345")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (service: string, opts: ConnectCliOptions) => {
      const { runConnect } = await import("./connect-command.ts");
      await runConnect(service, opts);
    });
  program
    .command("disconnect")
    .description("forget the intervals.icu key stored in the data folder")
    .argument("<service>", "only `intervals` (intervals.icu)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (service: string, opts: { data?: string }) => {
      const { runDisconnect } = await import("./connect-command.ts");
      runDisconnect(service, opts);
    });
}
