import type { Samples } from "../../../fit-parser/types.ts";
import { type ReferenceBins, referenceBins } from "../../core/reference-bins.ts";
import type { PreparedRun } from "../../core/prepared-run.ts";
import { type BestEffort, bestEfforts } from "../../core/records.ts";
import { runningSamples, thresholdsKey } from "../../core/running-samples.ts";
import { withDefaults } from "../../core/thresholds.ts";
import type { Run } from "../../core/types.ts";
import { type AnalysisBasis, type CachedRun, computeRunResult } from "../analysis/run-cache.ts";

/** What is worked out from a stored run's samples: each small, so a worker sends it back cheaply. */
export type StoredRunTask =
  { kind: "efforts" } | { kind: "reference" } | { kind: "result"; basis: AnalysisBasis };

export type TaskValue<T extends StoredRunTask> = T["kind"] extends "efforts"
  ? BestEffort[]
  : T["kind"] extends "reference"
    ? ReferenceBins | null
    : CachedRun;

/** One task over a run and its samples (empty when its original no longer matches its row). */
export function runTask<T extends StoredRunTask>(task: T, run: Run, samples: Samples): TaskValue<T> {
  const series = samples.count > 0 ? samples : null;
  if (task.kind === "efforts") {
    return (series ? bestEfforts(series.distanceM, series.timeS) : []) as TaskValue<T>;
  }
  if (task.kind === "reference") {
    const t = withDefaults();
    return referenceBins(series ? runningSamples(series, t) : null, t) as TaskValue<T>;
  }
  return computeRunResult({ ...run, series }, (task as { basis: AnalysisBasis }).basis) as TaskValue<T>;
}

/**
 * A run carrying only its reference bins, as the model's fit reads them (fitCadenceModel reads nothing else):
 * its samples need not be held, nor sent from a worker.
 */
export function withReference(run: Run, reference: ReferenceBins | null): Run {
  const dynamics = {
    stepLengthM: null,
    verticalRatioPct: null,
    verticalOscillationMm: null,
    stanceTimeMs: null,
  };
  const prepared: PreparedRun = { key: thresholdsKey(withDefaults()), running: null, reference, dynamics };
  return { ...run, series: null, prepared };
}
