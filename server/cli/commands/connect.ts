import type { Command } from "commander";
import { DomainError } from "../../errors.ts";
import { resolveDataDir } from "../../config.ts";

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
    .action((service: string, opts: ConnectCliOptions) => runConnect(service, opts));
  program
    .command("disconnect")
    .description("forget the intervals.icu key stored in the data folder")
    .argument("<service>", "only `intervals` (intervals.icu)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .action((service: string, opts: { data?: string }) => runDisconnect(service, opts));
}

function onlyIntervals(service: string): boolean {
  if (service === "intervals" || service === "intervals.icu") return true;
  console.error(`Only intervals.icu can be connected (\`stridewise connect intervals\`), not "${service}".`);
  process.exitCode = 1;
  return false;
}

/** Asks for the key (no echo on a terminal; stdin otherwise), checks it with intervals.icu, then stores it. */
async function runConnect(
  service: string,
  opts: { athlete: string; data?: string | undefined },
): Promise<void> {
  if (!onlyIntervals(service)) return;
  // Loaded only when this command runs: `--help` and the other commands never load the intervals.icu client.
  const [{ resolveIntervalsUrl }, { connectIntervals }, { readSecret }] = await Promise.all([
    import("../../app/sync/intervals-client.ts"),
    import("../../app/sync/intervals-connect.ts"),
    import("../read-secret.ts"),
  ]);
  const dataDir = resolveDataDir(opts.data);
  const apiKey = await readSecret("intervals.icu API key (Settings → Developer Settings): ");
  try {
    const c = await connectIntervals(
      dataDir,
      { athleteId: opts.athlete, apiKey },
      { baseUrl: resolveIntervalsUrl() },
    );
    console.log(
      `Connected to intervals.icu as athlete ${c.athleteId}. Run \`stridewise sync --intervals\`, or start the server: it checks every 15 minutes.`,
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  }
}

/** Deletes the stored key, if there is one. */
async function runDisconnect(service: string, opts: { data?: string | undefined }): Promise<void> {
  if (!onlyIntervals(service)) return;
  const { disconnectIntervals } = await import("../../app/sync/intervals-connect.ts");
  const had = disconnectIntervals(resolveDataDir(opts.data));
  console.log(
    had ? "Disconnected from intervals.icu: the key is deleted." : "intervals.icu was not connected.",
  );
}
