import { expectedCadence, type CadenceModel } from "./cadence-model.ts";
import { preparedOf } from "./prepared-run.ts";
import { median } from "./stats.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

/** A run's cadence against expected, downsampled for a chart: parallel columns, time ascending. */
export interface CadenceChartSeries {
  timeS: number[];
  cadenceSpm: number[];
  expectedSpm: number[];
  speedMps: number[];
}

/** Smoothed running cadence and the expected cadence at the same speeds, at most `maxPoints` points. */
export function cadenceChartSeries(
  run: Run,
  model: CadenceModel,
  maxPoints = 300,
  overrides: Partial<Thresholds> = {},
): CadenceChartSeries {
  const out: CadenceChartSeries = { timeS: [], cadenceSpm: [], expectedSpm: [], speedMps: [] };
  const rs = preparedOf(run, withDefaults(overrides))?.running;
  if (!rs) return out;
  const n = rs.timeS.length;
  const per = Math.max(1, Math.ceil(n / maxPoints));
  for (let start = 0; start < n; start += per) {
    const end = Math.min(n, start + per);
    const speed = median(rs.speedMps.subarray(start, end));
    out.timeS.push(rs.timeS[start] as number);
    out.cadenceSpm.push(median(rs.cadenceSpm.subarray(start, end)));
    out.speedMps.push(speed);
    out.expectedSpm.push(expectedCadence(model, speed));
  }
  return out;
}
