import { referenceBins, type ReferenceBins } from "./cadence-model.ts";
import { runningSamples, thresholdsKey, type RunningSamples } from "./running-samples.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import { runDynamics, type RunDynamics } from "./trends.ts";
import type { RunSeries } from "./types.ts";

/**
 * What a run's analysis reads from its series that no cadence model changes: the running samples, the
 * model's reference bins and the dynamics medians. Worked out where the series is at hand (an import's
 * parse worker), the analysis after the import needs no series: it is not read and parsed a second time.
 */
export interface PreparedRun {
  /** The thresholds it was prepared under (`thresholdsKey`): under others the series is read again. */
  key: string;
  running: RunningSamples | null;
  reference: ReferenceBins | null;
  dynamics: RunDynamics;
}

export function prepareRun(series: RunSeries, overrides: Partial<Thresholds> = {}): PreparedRun {
  const t = withDefaults(overrides);
  const running = runningSamples(series, t);
  const none: RunDynamics = {
    stepLengthM: null,
    verticalRatioPct: null,
    verticalOscillationMm: null,
    stanceTimeMs: null,
  };
  return {
    key: thresholdsKey(t),
    running,
    reference: referenceBins(running, t),
    dynamics: running ? runDynamics(series, running) : none,
  };
}
