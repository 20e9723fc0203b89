import type { Samples } from "../../../fit-parser/types.ts";
import { type ReferenceBins, referenceBins } from "../../core/reference-bins.ts";
import { NO_DYNAMICS, type PreparedRun } from "../../core/prepared-run.ts";
import { type BestEffort, bestEfforts } from "../../core/records.ts";
import { runningSamples, thresholdsKey } from "../../core/running-samples.ts";
import { withDefaults } from "../../core/thresholds.ts";
import type { Run } from "../../core/types.ts";
import { type AnalysisBasis, type CachedRun, computeRunResult } from "../analysis/run-cache.ts";

/** What is worked out from a stored run's samples: the samples themselves (a run page), or something small. */
export type StoredRunTask =
  | { kind: "samples" }
  | { kind: "efforts" }
  | { kind: "reference" }
  | { kind: "result"; basis: AnalysisBasis; run: Run };

export type TaskValue<T extends StoredRunTask> = T["kind"] extends "samples"
  ? Samples
  : T["kind"] extends "efforts"
    ? BestEffort[]
    : T["kind"] extends "reference"
      ? ReferenceBins | null
      : CachedRun;

/** One task over a run's samples (empty when its original no longer matches its row). */
export function runTask<T extends StoredRunTask>(task: T, samples: Samples): TaskValue<T> {
  const series = samples.count > 0 ? samples : null;
  const t: StoredRunTask = task;
  switch (t.kind) {
    case "samples":
      return samples as TaskValue<T>;
    case "efforts":
      return (series ? bestEfforts(series.distanceM, series.timeS) : []) as TaskValue<T>;
    case "reference": {
      const thresholds = withDefaults();
      const running = series ? runningSamples(series, thresholds) : null;
      return referenceBins(running, thresholds) as TaskValue<T>;
    }
    case "result":
      return computeRunResult({ ...t.run, series }, t.basis) as TaskValue<T>;
  }
}

/**
 * A run carrying only its reference bins, as the model's fit reads them (fitCadenceModel reads nothing else):
 * its samples need not be held, nor sent from a worker.
 */
export function withReference(run: Run, reference: ReferenceBins | null): Run {
  const key = thresholdsKey(withDefaults());
  const prepared: PreparedRun = { key, running: null, reference, dynamics: NO_DYNAMICS };
  return { ...run, series: null, prepared };
}
