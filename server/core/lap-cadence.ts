import { runningSamples } from "./running-samples.ts";
import { median } from "./stats.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { RunSeries } from "./types.ts";

/** Where a lap sits in its run: its start, and how long it lasted (elapsed, else timer). */
export interface LapSpan {
  startUtc: string;
  elapsedS: number | null;
  timerS: number | null;
}

/**
 * Each lap's median cadence over its running samples, from the full series: the same samples and the same
 * average as the run's own median (running-samples.ts), so the lap table and the run agree. A lap runs from
 * its start to the next lap's start (the last one for its elapsed time); null when it has no running sample.
 */
export function lapMedianCadences(
  series: RunSeries | null | undefined,
  runStartUtc: string,
  laps: readonly LapSpan[],
  overrides: Partial<Thresholds> = {},
): (number | null)[] {
  const rs = series ? runningSamples(series, withDefaults(overrides)) : null;
  if (!rs || laps.length === 0) return laps.map(() => null);
  const runStartMs = Date.parse(runStartUtc);
  const starts = laps.map((lap) => (Date.parse(lap.startUtc) - runStartMs) / 1000);
  const last = laps[laps.length - 1];
  const lastEnd = (starts[starts.length - 1] ?? 0) + (last?.elapsedS ?? last?.timerS ?? Infinity);
  const perLap: number[][] = laps.map(() => []);
  for (let i = 0; i < rs.timeS.length; i++) {
    const t = rs.timeS[i] as number;
    if (t >= lastEnd) continue;
    const lap = lapAt(starts, t);
    if (lap >= 0) perLap[lap]?.push(rs.cadenceSpm[i] as number);
  }
  return perLap.map((xs) => (xs.length === 0 ? null : median(xs)));
}

/** Index of the last lap starting at or before t (laps in start order), or -1 before the first. */
function lapAt(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
