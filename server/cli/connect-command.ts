import { DomainError } from "../errors.ts";
import { resolveIntervalsUrl } from "../app/sync/intervals-client.ts";
import { connectIntervals, disconnectIntervals } from "../app/sync/intervals-connect.ts";
import { resolveDataDir } from "../config.ts";
import { readSecret } from "./read-secret.ts";

function onlyIntervals(service: string): boolean {
  if (service === "intervals" || service === "intervals.icu") return true;
  console.error(`Only intervals.icu can be connected (\`stridewise connect intervals\`), not "${service}".`);
  process.exitCode = 1;
  return false;
}

/** Asks for the key (no echo on a terminal; stdin otherwise), checks it with intervals.icu, then stores it. */
export async function runConnect(service: string, opts: { athlete: string; data?: string | undefined }) {
  if (!onlyIntervals(service)) return;
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

export function runDisconnect(service: string, opts: { data?: string | undefined }): void {
  if (!onlyIntervals(service)) return;
  const had = disconnectIntervals(resolveDataDir(opts.data));
  console.log(
    had ? "Disconnected from intervals.icu: the key is deleted." : "intervals.icu was not connected.",
  );
}
