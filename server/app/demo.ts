import { encodeActivity, type Series } from "../../fit-parser/encode.ts";
import type { Run } from "../core/types.ts";
import { generateHistory, type PainScenario } from "../demo/history.ts";
import type { Db } from "../db/open.ts";
import { createPainRepo } from "../db/pain-repo.ts";
import { runnerToday } from "./analysis/today.ts";
import { importSources } from "./import-sources.ts";
import type { ImportReport } from "./import-types.ts";

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

/** A column of the generated run as the encoder reads it: the sample at or before second t. */
function column(timeS: ArrayLike<number>, values: ArrayLike<number>): Series {
  return (t: number) => {
    let lo = 0;
    let hi = timeS.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((timeS[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return values[lo] as number;
  };
}

function encodeRun(run: Run, intervalS: number): Uint8Array {
  const s = run.series;
  if (!s) throw new Error("demo runs always have series");
  const durationS = Math.floor(s.timeS[s.timeS.length - 1] as number);
  return encodeActivity({
    start: Date.parse(run.startUtc),
    durationS,
    utcOffsetS: run.utcOffsetS ?? DEMO_OFFSET_S,
    sport: "running",
    subSport: "generic",
    device: { manufacturer: "garmin", product: 3113, serialNumber: DEMO_SERIAL },
    recordIntervalS: intervalS,
    samples: {
      speedMps: column(s.timeS, s.speedMps),
      cadenceSpm: column(s.timeS, s.cadenceSpm),
      heartRateBpm: column(s.timeS, s.heartRateBpm),
      stepLengthM: column(s.timeS, s.stepLengthM),
      verticalOscillationMm: column(s.timeS, s.verticalOscillationMm),
      verticalRatioPct: column(s.timeS, s.verticalRatioPct),
      stanceTimeMs: column(s.timeS, s.stanceTimeMs),
    },
  });
}

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
    bytes: encodeRun(run, intervalS),
  }));
  const report = await importSources(db, sources, { now: () => opts.now.toISOString() });
  if (report.summary.imported > 0) {
    const pain = createPainRepo(db);
    db.transaction(() => {
      for (const { id: _id, ...entry } of history.pain) pain.create(entry, opts.now.toISOString());
    });
  }
  return report;
}
