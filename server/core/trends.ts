import { expectedCadence, type CadenceModel } from "./cadence-model.ts";
import { weekStart } from "./dates.ts";
import { sortedByStart } from "./run-order.ts";
import { preparedOf, type RunDynamics } from "./prepared-run.ts";
import { median } from "./stats.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

/** One run's personal-trend numbers (running samples only; null where the watch did not record it). */
export interface RunTrendPoint extends RunDynamics {
  runId: number;
  localDate: string;
  /** Cadence adjusted to the reference speed along the runner's own line. */
  cadenceAtRefSpm: number | null;
}

export interface WeeklyTrend {
  weekStart: string;
  runs: number;
  cadenceAtRefSpm: number | null;
  stepLengthM: number | null;
  verticalRatioPct: number | null;
  verticalOscillationMm: number | null;
  stanceTimeMs: number | null;
}

export interface Trends {
  /** The speed cadence is reported at: the runner's median running speed. */
  referenceSpeedMps: number;
  runs: RunTrendPoint[];
  weeks: WeeklyTrend[];
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

// Gathered column values, reused across runs (median copies what it reads, so sharing is safe).
let gather = new Float64Array(4096);

function scratch(n: number): Float64Array {
  if (gather.length < n) gather = new Float64Array(n * 2);
  return gather;
}

/** One run's trend numbers at the reference speed: cacheable per run until the model changes. */
export function runTrendPoint(
  run: Run,
  model: CadenceModel,
  refSpeed: number,
  overrides: Partial<Thresholds> = {},
): RunTrendPoint {
  return runPoint(run, model, refSpeed, withDefaults(overrides));
}

/** The speed cadence trends are reported at: the model's, else the median of the runs' average speeds. */
export function trendReferenceSpeed(runs: readonly Run[], model: CadenceModel): number {
  return model.referenceSpeedMps ?? orNull(median(runs.map((r) => r.avgSpeedMps ?? Number.NaN))) ?? 3;
}

function runPoint(run: Run, model: CadenceModel, refSpeed: number, t: Thresholds): RunTrendPoint {
  const atRef = expectedCadence(model, refSpeed);
  const prepared = preparedOf(run, t);
  const point: RunTrendPoint = {
    runId: run.id,
    localDate: run.localDate,
    cadenceAtRefSpm: null,
    stepLengthM: null,
    verticalRatioPct: null,
    verticalOscillationMm: null,
    stanceTimeMs: null,
  };
  const rs = prepared?.running;
  if (prepared && rs) {
    const n = rs.cadenceSpm.length;
    const adjusted = scratch(n);
    for (let i = 0; i < n; i++)
      adjusted[i] = ((rs.cadenceSpm[i] as number) * atRef) / expectedCadence(model, rs.speedMps[i] as number);
    point.cadenceAtRefSpm = orNull(median(adjusted.subarray(0, n)));
    Object.assign(point, prepared.dynamics);
  } else if (plausibleSummary(run, t) && run.avgCadenceSpm !== null && run.avgSpeedMps !== null) {
    point.cadenceAtRefSpm = (run.avgCadenceSpm * atRef) / expectedCadence(model, run.avgSpeedMps);
  }
  // Step length is 60 × speed / cadence: derive it when the watch gave no step length column.
  if (
    point.stepLengthM === null &&
    plausibleSummary(run, t) &&
    run.avgCadenceSpm !== null &&
    run.avgSpeedMps !== null
  ) {
    point.stepLengthM = (60 * run.avgSpeedMps) / run.avgCadenceSpm;
  }
  return point;
}

/** Session averages that describe running (the same limits as the per-sample filter). */
function plausibleSummary(run: Run, t: Thresholds): boolean {
  const { avgCadenceSpm: c, avgSpeedMps: v } = run;
  return c !== null && v !== null && v >= t.runningSpeedMps && c >= t.minCadenceSpm && c <= t.maxCadenceSpm;
}

/** Weekly personal trends: cadence at a reference speed, step length, vertical ratio, ground contact. */
export function weeklyTrends(
  runs: readonly Run[],
  model: CadenceModel,
  overrides: Partial<Thresholds> = {},
  cached?: ReadonlyMap<number, RunTrendPoint>,
): Trends {
  const t = withDefaults(overrides);
  const refSpeed = trendReferenceSpeed(runs, model);
  const points = sortedByStart(runs).map((r) => cached?.get(r.id) ?? runPoint(r, model, refSpeed, t));
  const byWeek = new Map<string, RunTrendPoint[]>();
  for (const p of points) {
    const start = weekStart(p.localDate);
    const week = byWeek.get(start);
    if (week) week.push(p);
    else byWeek.set(start, [p]);
  }
  const weekMedian = (
    ps: RunTrendPoint[],
    key: Exclude<keyof RunTrendPoint, "runId" | "localDate">,
  ): number | null => orNull(median(ps.map((p) => p[key] ?? Number.NaN)));
  const weeks = [...byWeek.entries()].map(([start, ps]) => ({
    weekStart: start,
    runs: ps.length,
    cadenceAtRefSpm: weekMedian(ps, "cadenceAtRefSpm"),
    stepLengthM: weekMedian(ps, "stepLengthM"),
    verticalRatioPct: weekMedian(ps, "verticalRatioPct"),
    verticalOscillationMm: weekMedian(ps, "verticalOscillationMm"),
    stanceTimeMs: weekMedian(ps, "stanceTimeMs"),
  }));
  return { referenceSpeedMps: refSpeed, runs: points, weeks };
}
