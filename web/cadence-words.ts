import type { ActivityListItem } from "../server/http/api-types.ts";
import { fmtCadence, fmtPace } from "./format.ts";

// One kind of average everywhere: the median over the running time, which is what the flags rest on.

/** Running speed for the cadence rules (science.md §2): 1.5 m/s. */
const RUNNING_SPEED_MPS = 1.5;

/** Why a run has no cadence verdict, in words. */
export function noCadenceVerdict(): string {
  return `No cadence verdict: too little of this run was at running pace (faster than ${fmtPace(RUNNING_SPEED_MPS)}), or the file holds no cadence.`;
}

/** "Median cadence while running: 163 spm; at these speeds you usually run 166 spm (a median 2% below)." */
export function cadenceAgainstExpected(
  run: Pick<ActivityListItem, "medianCadenceSpm" | "expectedCadenceSpm" | "cadenceResidualPct">,
): string {
  const { medianCadenceSpm: median, expectedCadenceSpm: expected, cadenceResidualPct: r } = run;
  if (median === null) return noCadenceVerdict();
  const head = `Median cadence while running: ${fmtCadence(median)}`;
  if (expected === null || r === null) return `${head}.`;
  const pct = Math.round(Math.abs(r));
  const gap = pct === 0 ? "right on it" : `a median ${pct}% ${r < 0 ? "below" : "above"}`;
  return `${head}; at these speeds you usually run ${fmtCadence(expected)} (${gap}).`;
}
