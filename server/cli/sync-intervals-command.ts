import { openAnalysis } from "../app/analysis/open-analysis.ts";
import { IntervalsError, resolveIntervalsUrl } from "../app/sync/intervals-client.ts";
import { connectedClient } from "../app/sync/intervals-connect.ts";
import { syncIntervals } from "../app/sync/intervals-sync.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
import { formatOutcome, formatSummary, toJson } from "./import-output.ts";

export interface IntervalsSyncCommandOptions {
  data?: string | undefined;
  json?: boolean | undefined;
}

/** One sync from intervals.icu; exit 1 with one sentence when not connected, refused or unreachable. */
export async function runIntervalsSync(opts: IntervalsSyncCommandOptions): Promise<void> {
  const dataDir = resolveDataDir(opts.data);
  // Someone is waiting at the terminal: two quick retries rather than the poll's patient back-off.
  const client = connectedClient(dataDir, { baseUrl: resolveIntervalsUrl(), retries: 2, backoffMs: 1000 });
  if (!client) {
    console.error("intervals.icu is not connected: run `stridewise connect intervals --athlete <id>` first.");
    process.exitCode = 1;
    return;
  }
  const db = openDataDir(dataDir);
  try {
    const report = await syncIntervals(db, client, {
      onOutcome: (o) => {
        if (!opts.json) console.log(formatOutcome(o));
      },
    });
    if (report.summary.imported > 0) openAnalysis(db, () => new Date()).snapshot();
    if (opts.json) console.log(toJson(report));
    else console.log(`${formatSummary(report.summary)} (${report.downloaded} downloaded from intervals.icu)`);
    if (report.stopCode !== null) {
      console.error(report.message);
      process.exitCode = 1;
    }
  } catch (err) {
    if (!(err instanceof IntervalsError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}
