import type { Exposure } from "./correlation.ts";
import { dayNumber } from "./dates.ts";
import type { CadenceAnalysis } from "./overstriding.ts";
import { median } from "./stats.ts";
import { terrainOf } from "./terrain.ts";
import type { Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

const ERA_DAYS = 90;
const MIN_ERA_RUNS = 8;

/**
 * Overstriding exposure per run, judged against the runner's cadence near that run's date. The model is fitted on
 * recent runs; where the runs within ±90 days of a run sit below it as a whole (their median residual ≤ half the
 * flag threshold: an older era with a lower cadence, not overstriding), a flagged run must also be 5% below that
 * era's own level. That is the model with its intercept refitted on the runs around the date (the slope kept), so
 * old runs are not all read as overstriding. Treadmill speed comes from the wrist and trail runs climb: neither
 * is judged.
 */
export function cadenceExposure(
  /** Sorted by start. */
  runs: readonly Run[],
  cadence: ReadonlyMap<number, CadenceAnalysis>,
  t: Thresholds,
): Exposure {
  const judged = runs.filter((r) => {
    const a = cadence.get(r.id);
    return a !== undefined && a.basis !== "none" && a.medianResidualPct !== null && terrainOf(r) === "road";
  });
  const days = judged.map((r) => dayNumber(r.localDate));
  const residuals = judged.map((r) => (cadence.get(r.id)?.medianResidualPct ?? 0) / 100);
  const out = new Map<number, boolean | null>(runs.map((r) => [r.id, null]));
  let lo = 0;
  let hi = 0;
  judged.forEach((run, i) => {
    const day = days[i] as number;
    while ((days[lo] as number) < day - ERA_DAYS) lo++;
    while (hi < judged.length && (days[hi] as number) <= day + ERA_DAYS) hi++;
    const a = cadence.get(run.id) as CadenceAnalysis;
    let flagged = a.flag !== "none";
    if (flagged && hi - lo >= MIN_ERA_RUNS) {
      const era = median(residuals.slice(lo, hi));
      if (era <= t.possibleResidual / 2) flagged = (residuals[i] as number) - era <= t.possibleResidual;
    }
    out.set(run.id, flagged);
  });
  return out;
}
