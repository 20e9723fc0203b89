import type { Command } from "commander";
import { DEFAULT_HOST } from "../config.ts";

interface ServeOptions {
  port?: string;
  host?: string;
  data?: string;
}

/** `stridewise serve`: the dashboard and its API, on loopback unless told otherwise. */
export function registerServe(program: Command, version: string): void {
  program
    .command("serve")
    .description("serve the dashboard (what `npm start` runs)")
    .option("--port <n>", "port to listen on (default: $PORT or 4173)")
    .option("--host <addr>", `address to listen on (default: ${DEFAULT_HOST})`)
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action(async (opts: ServeOptions) => {
      const { runServe } = await import("./serve-command.ts");
      runServe(opts, version);
    });
}
