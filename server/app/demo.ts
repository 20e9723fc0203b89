import { encodeGeneratedRun } from "../demo/encode-run.ts";
import { generateHistory, type PainScenario } from "../demo/history.ts";
import type { Db } from "../db/open.ts";
import { createPainRepo } from "../db/pain-repo.ts";
import { createDemoRepo } from "../db/demo-repo.ts";
import { runnerToday } from "../core/dates.ts";
import { importAndAnalyse } from "./import/import-and-analyse.ts";
import type { ImportReport } from "./import/types.ts";

export interface DemoOptions {
  now: Date;
  weeks?: number;
  seed?: number;
  /** Seconds between samples: watches in "smart recording" write every few seconds, and it keeps the demo quick. */
  sampleIntervalS?: number;
  /** What the pain log follows: spikes by default, which makes the insights page worth exploring. */
  scenario?: PainScenario;
}

const DEMO_OFFSET_S = 3600;
const DEMO_SERIAL = 3_999_000_001;

/**
 * Loads a generated half-year of runs (encoded as real FIT files, imported through the normal pipeline)
 * and a pain log in which pain tends to follow mileage spikes. Loading it twice adds nothing.
 */
export async function loadDemo(db: Db, opts: DemoOptions): Promise<ImportReport> {
  const intervalS = opts.sampleIntervalS ?? 5;
  const history = generateHistory({
    seed: opts.seed ?? 7,
    weeks: opts.weeks ?? 26,
    endDate: runnerToday(opts.now, DEMO_OFFSET_S),
    scenario: opts.scenario ?? "spikes",
    sampleIntervalS: intervalS,
    utcOffsetS: DEMO_OFFSET_S,
  });
  const sources = history.runs.map((run) => ({
    name: `demo-${run.localDate}-${run.id}.fit`,
    bytes: encodeGeneratedRun(run, {
      serialNumber: DEMO_SERIAL,
      recordIntervalS: intervalS,
      subSport: "generic",
    }),
  }));
  const report = await importAndAnalyse(db, sources, { now: () => opts.now.toISOString() });
  if (report.summary.imported > 0) {
    const pain = createPainRepo(db);
    // A day the runner already logged keeps the runner's entry: the demo never overwrites or owns it.
    const painIds = db.transaction(() =>
      history.pain.flatMap(({ id: _id, ...entry }) =>
        pain.list({ from: entry.date, to: entry.date }).length > 0
          ? []
          : [pain.upsert(entry, opts.now.toISOString()).entry.id],
      ),
    );
    // Tagged so "remove the demo" takes exactly these away and never a real run or entry.
    createDemoRepo(db).mark(
      report.results.flatMap((r) => (r.status === "imported" ? r.activityIds : [])),
      painIds,
    );
  }
  return report;
}
