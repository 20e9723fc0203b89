import { referenceBins, type ReferenceBins } from "./reference-bins.ts";
import { runningSamples, thresholdsKey, type RunningSamples } from "./running-samples.ts";
import { median } from "./stats.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run, RunSeries } from "./types.ts";

/** A run's running dynamics: medians over its running samples, which no model changes. */
export interface RunDynamics {
  stepLengthM: number | null;
  verticalRatioPct: number | null;
  verticalOscillationMm: number | null;
  /** Ground contact time: low validity on watches, a trend only. */
  stanceTimeMs: number | null;
}

/**
 * What a run's analysis reads from its series, none of which a cadence model changes: the running samples,
 * the model's reference bins and the dynamics medians. The per-run analysis reads a run only in this form.
 */
export interface PreparedRun {
  /** The thresholds it was prepared under (`thresholdsKey`): under others it is prepared again. */
  key: string;
  running: RunningSamples | null;
  reference: ReferenceBins | null;
  dynamics: RunDynamics;
}

export const NO_DYNAMICS: RunDynamics = {
  stepLengthM: null,
  verticalRatioPct: null,
  verticalOscillationMm: null,
  stanceTimeMs: null,
};

// Gathered column values, reused across runs (median copies what it reads, so sharing is safe).
let gather = new Float64Array(4096);

function columnMedian(series: RunSeries, rs: RunningSamples, column: keyof RunDynamics): number | null {
  const values = series[column];
  const source = rs.sourceIndex;
  const n = source.length;
  if (gather.length < n) gather = new Float64Array(n * 2);
  // Only positive values count (0 is "not recorded"; median drops infinities): gathered alone, not as NaN to skip.
  let m = 0;
  for (let j = 0; j < n; j++) {
    const v = values[source[j] as number] as number;
    if (v > 0) gather[m++] = v;
  }
  const mid = median(gather.subarray(0, m));
  return Number.isFinite(mid) ? mid : null;
}

function runDynamics(series: RunSeries, rs: RunningSamples): RunDynamics {
  return {
    stepLengthM: columnMedian(series, rs, "stepLengthM"),
    verticalRatioPct: columnMedian(series, rs, "verticalRatioPct"),
    verticalOscillationMm: columnMedian(series, rs, "verticalOscillationMm"),
    stanceTimeMs: columnMedian(series, rs, "stanceTimeMs"),
  };
}

// One per series object and thresholds: the model, the flags and the trends all read the same prepared run.
const memo = new WeakMap<RunSeries, Map<string, PreparedRun>>();

function prepare(series: RunSeries, t: Thresholds): PreparedRun {
  const key = thresholdsKey(t);
  const forSeries = memo.get(series) ?? new Map<string, PreparedRun>();
  memo.set(series, forSeries);
  let prepared = forSeries.get(key);
  if (!prepared) {
    const running = runningSamples(series, t);
    prepared = {
      key,
      running,
      reference: referenceBins(running, t),
      dynamics: running ? runDynamics(series, running) : NO_DYNAMICS,
    };
    forSeries.set(key, prepared);
  }
  return prepared;
}

/** Works out a run's prepared form from its series: at import where the series is parsed, else on demand. */
export function prepareRun(series: RunSeries, overrides: Partial<Thresholds> = {}): PreparedRun {
  return prepare(series, withDefaults(overrides));
}

/**
 * The one way a run enters the per-run analysis: as prepared at import (`run.prepared`, if under these
 * thresholds), else prepared now from its series; null for a summary-only run.
 */
export function preparedOf(run: Run, t: Thresholds): PreparedRun | null {
  const { prepared } = run;
  if (prepared && prepared.key === thresholdsKey(t)) return prepared;
  return run.series ? prepare(run.series, t) : null;
}
