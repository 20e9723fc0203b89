import { expectedCadence, populationModel, type CadenceModel } from "./cadence-model.ts";
import { preparedOf } from "./prepared-run.ts";
import type { RunningSamples } from "./running-samples.ts";
import { median } from "./stats.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

/** none; possible (low cadence for speed, ≤ −5%); marked (≤ −10%). */
export type RunFlag = "none" | "possible" | "marked";

/** A stretch of ≥ 5 min of running at r ≤ −5%. Times are seconds since the run's start. */
export interface CadenceSegment {
  startS: number;
  endS: number;
  /** Running time inside the stretch (s). */
  durationS: number;
  medianResidualPct: number;
  medianCadenceSpm: number;
  medianSpeedMps: number;
  medianExpectedSpm: number;
  /** The stretch's median residual is ≤ −10%. */
  marked: boolean;
}

/** Median residual of the first and last quarter of running after the warm-up, in percent. */
export interface LateDrop {
  firstQuarterResidualPct: number;
  lastQuarterResidualPct: number;
  /** first − last, percentage points (positive = cadence fell). */
  dropPoints: number;
  flagged: boolean;
}

export interface CadenceAnalysis {
  /** What the verdict rests on: per-second samples, the session averages, or nothing. */
  basis: "series" | "summary" | "none";
  runningS: number;
  medianCadenceSpm: number | null;
  medianSpeedMps: number | null;
  /** Median of the expected cadence at the run's own speeds. */
  expectedCadenceSpm: number | null;
  /** Median r = (observed − expected) / expected, in percent. */
  medianResidualPct: number | null;
  /** Share of running time inside flagged (≤ −5%, ≥ 5 min) stretches. */
  flaggedFraction: number;
  segments: CadenceSegment[];
  flag: RunFlag;
  /** Median cadence more than 16 spm under the population line at the run's speeds. */
  absoluteLow: boolean;
  populationCadenceSpm: number | null;
  lateDrop: LateDrop | null;
}

/** Cadence findings for one run against the runner's model (science.md §2). */
export function analyseCadence(
  run: Run,
  model: CadenceModel,
  overrides: Partial<Thresholds> = {},
): CadenceAnalysis {
  const t = withDefaults(overrides);
  const prepared = preparedOf(run, t);
  const rs = prepared?.running;
  // The reference bins hold the same median of the same speeds: taken, not worked out again.
  const medianSpeed = prepared?.reference?.medianSpeedMps;
  if (rs && rs.totalRunningS > 0) return analyseSeries(rs, model, t, medianSpeed ?? median(rs.speedMps));
  return analyseSummary(run, model, t);
}

// Per-sample work arrays reused run after run (kept at the longest run seen): nothing in them outlives one call.
let work = new Float64Array(0);

/** Five n-sample views of one buffer: expected, residual, absolute gap and two to gather medians in. */
function workViews(n: number): Float64Array[] {
  if (work.length < 5 * n) work = new Float64Array(5 * n);
  return [0, 1, 2, 3, 4].map((k) => work.subarray(k * n, (k + 1) * n));
}

function analyseSeries(
  rs: RunningSamples,
  model: CadenceModel,
  t: Thresholds,
  medianSpeed: number,
): CadenceAnalysis {
  const population = populationModel("", t);
  const n = rs.speedMps.length;
  const [expected, residual, absoluteGap, gather, gatherLast] = workViews(n) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  // The population line has no quadratic term: expectedCadence(population, v) is a + b·v.
  const { interceptSpm: popA, slopeSpmPerMps: popB } = population;
  for (let i = 0; i < n; i++) {
    const speed = rs.speedMps[i] as number;
    const cadence = rs.cadenceSpm[i] as number;
    const e = expectedCadence(model, speed);
    expected[i] = e;
    residual[i] = (cadence - e) / e;
    absoluteGap[i] = cadence - (popA + popB * speed);
  }
  // Checked once, and only for a run with stretches to read.
  let inOrder: boolean | undefined;
  const timeOrdered = (): boolean => (inOrder ??= isAscending(rs.timeS));
  const possible = findSegments(rs, residual, t.possibleResidual, t, gather, timeOrdered);
  const marked = findSegments(rs, residual, t.markedResidual, t, gather, timeOrdered);
  const share = (segs: CadenceSegment[]): number =>
    segs.reduce((s, g) => s + g.durationS, 0) / rs.totalRunningS;
  const medianR = median(residual);
  const flag: RunFlag =
    medianR <= t.markedResidual || share(marked) >= t.flaggedFraction
      ? "marked"
      : medianR <= t.possibleResidual || share(possible) >= t.flaggedFraction
        ? "possible"
        : "none";
  for (const seg of possible) seg.marked = seg.medianResidualPct <= t.markedResidual * 100;
  for (const seg of possible) fillSegment(seg, rs, residual, expected, gather, timeOrdered);
  return {
    basis: "series",
    runningS: rs.totalRunningS,
    medianCadenceSpm: median(rs.cadenceSpm),
    medianSpeedMps: medianSpeed,
    expectedCadenceSpm: median(expected),
    medianResidualPct: medianR * 100,
    flaggedFraction: share(possible),
    segments: possible,
    flag,
    absoluteLow: median(absoluteGap) < -t.absoluteLowMarginSpm,
    populationCadenceSpm: expectedCadence(population, medianSpeed),
    lateDrop: lateDrop(rs, residual, t, [gather, gatherLast]),
  };
}

function analyseSummary(run: Run, model: CadenceModel, t: Thresholds): CadenceAnalysis {
  const speed = run.avgSpeedMps ?? (run.timerS ? run.distanceM / run.timerS : null);
  const cadence = run.avgCadenceSpm;
  const none: CadenceAnalysis = {
    basis: "none",
    runningS: 0,
    medianCadenceSpm: null,
    medianSpeedMps: null,
    expectedCadenceSpm: null,
    medianResidualPct: null,
    flaggedFraction: 0,
    segments: [],
    flag: "none",
    absoluteLow: false,
    populationCadenceSpm: null,
    lateDrop: null,
  };
  if (speed === null || cadence === null || !(speed >= t.runningSpeedMps)) return none;
  if (!(cadence >= t.minCadenceSpm && cadence <= t.maxCadenceSpm)) return none;
  const expected = expectedCadence(model, speed);
  const r = (cadence - expected) / expected;
  const populationSpm = expectedCadence(populationModel("", t), speed);
  return {
    ...none,
    basis: "summary",
    runningS: run.timerS ?? 0,
    medianCadenceSpm: cadence,
    medianSpeedMps: speed,
    expectedCadenceSpm: expected,
    medianResidualPct: r * 100,
    flag: r <= t.markedResidual ? "marked" : r <= t.possibleResidual ? "possible" : "none",
    absoluteLow: cadence < populationSpm - t.absoluteLowMarginSpm,
    populationCadenceSpm: populationSpm,
  };
}

/** Maximal stretches at r ≤ threshold, bridging dips under 20 s of running, kept when ≥ minSegmentS. */
function findSegments(
  rs: RunningSamples,
  residual: Float64Array,
  threshold: number,
  t: Thresholds,
  gather: Float64Array,
  timeOrdered: () => boolean,
): CadenceSegment[] {
  const spans: Array<[number, number]> = [];
  const n = residual.length;
  // A span starts at a low sample and runs while samples stay low, up to (not over) a break.
  for (let i = 0; i < n;) {
    if (!((residual[i] as number) <= threshold)) {
      i++;
      continue;
    }
    const start = i++;
    while (i < n && (residual[i] as number) <= threshold && rs.breakBefore[i] !== 1) i++;
    spans.push([start, i - 1]);
  }
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    const gapS = last ? (rs.runningAtS[span[0]] as number) - (rs.runningAtS[last[1] + 1] ?? 0) : Infinity;
    if (last && gapS <= 20 && !hasBreak(rs, last[1] + 1, span[0])) last[1] = span[1];
    else merged.push([span[0], span[1]]);
  }
  return merged
    .map(([a, b]) => emptySegment(rs, a, b))
    .filter((seg) => seg.durationS >= t.minSegmentS)
    .map((seg) => ({ ...seg, medianResidualPct: medianIn(rs, seg, residual, gather, timeOrdered) * 100 }));
}

function hasBreak(rs: RunningSamples, from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (rs.breakBefore[i] === 1) return true;
  return false;
}

function emptySegment(rs: RunningSamples, a: number, b: number): CadenceSegment {
  let duration = 0;
  for (let i = a; i <= b; i++) duration += rs.dtS[i] as number;
  return {
    startS: rs.timeS[a] as number,
    endS: (rs.timeS[b] as number) + (rs.dtS[b] as number),
    durationS: duration,
    medianResidualPct: 0,
    medianCadenceSpm: 0,
    medianSpeedMps: 0,
    medianExpectedSpm: 0,
    marked: false,
  };
}

/** Times or running times that only grow (and are finite): a time span's samples are then one index range. */
function isAscending(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v) || (i > 0 && v < (values[i - 1] as number))) return false;
  }
  return true;
}

/** In ascending finite values: the index range of those ≥ from and < to (empty when from > to, or either is NaN). */
function rangeOf(values: Float64Array, from: number, to: number): [number, number] {
  if (!(from <= to)) return [0, 0];
  return [firstAtLeast(values, from), firstAtLeast(values, to)];
}

function firstAtLeast(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Median of values[i] over the samples whose time lies in the segment, in sample order. */
function medianIn(
  rs: RunningSamples,
  seg: CadenceSegment,
  values: Float64Array,
  gather: Float64Array,
  timeOrdered: () => boolean,
): number {
  if (timeOrdered()) {
    const [a, b] = rangeOf(rs.timeS, seg.startS, seg.endS);
    return median(values.subarray(a, Math.max(a, b)));
  }
  let m = 0;
  for (let i = 0; i < rs.timeS.length; i++) {
    const time = rs.timeS[i] as number;
    if (time >= seg.startS && time < seg.endS) gather[m++] = values[i] as number;
  }
  return median(gather.subarray(0, m));
}

function fillSegment(
  seg: CadenceSegment,
  rs: RunningSamples,
  residual: Float64Array,
  expected: Float64Array,
  gather: Float64Array,
  timeOrdered: () => boolean,
): void {
  seg.medianCadenceSpm = medianIn(rs, seg, rs.cadenceSpm, gather, timeOrdered);
  seg.medianSpeedMps = medianIn(rs, seg, rs.speedMps, gather, timeOrdered);
  seg.medianExpectedSpm = medianIn(rs, seg, expected, gather, timeOrdered);
  seg.medianResidualPct = medianIn(rs, seg, residual, gather, timeOrdered) * 100;
}

/**
 * Fatigue: last quarter of post-warm-up running vs the first; needs 20 min after the warm-up. `gather` holds two
 * buffers to collect the quarters in when running times are not ascending (else they are index ranges).
 */
function lateDrop(
  rs: RunningSamples,
  residual: Float64Array,
  t: Thresholds,
  gather: [Float64Array, Float64Array],
): LateDrop | null {
  const after = rs.totalRunningS - t.warmUpS;
  if (after < 4 * t.minSegmentS) return null;
  const quarter = after / 4;
  const [first, last] = isAscending(rs.runningAtS)
    ? quarterRanges(rs, residual, t.warmUpS, quarter)
    : quarters(rs, residual, t.warmUpS, quarter, gather);
  const firstPct = median(first) * 100;
  const lastPct = median(last) * 100;
  const drop = firstPct - lastPct;
  return {
    firstQuarterResidualPct: firstPct,
    lastQuarterResidualPct: lastPct,
    dropPoints: drop,
    flagged: drop >= t.lateDropPoints,
  };
}

/** Residuals of the first and last quarter after the warm-up, in sample order, as views of `residual`. */
function quarterRanges(
  rs: RunningSamples,
  residual: Float64Array,
  warmUpS: number,
  quarter: number,
): [Float64Array, Float64Array] {
  const [a, b] = rangeOf(rs.runningAtS, warmUpS, warmUpS + quarter);
  const [c, d] = rangeOf(rs.runningAtS, warmUpS + 3 * quarter, Number.POSITIVE_INFINITY);
  return [residual.subarray(a, Math.max(a, b)), residual.subarray(c, Math.max(c, d))];
}

/** The same, gathered sample by sample into `into`. */
function quarters(
  rs: RunningSamples,
  residual: Float64Array,
  warmUpS: number,
  quarter: number,
  into: [Float64Array, Float64Array],
): [Float64Array, Float64Array] {
  const [first, last] = into;
  let nFirst = 0;
  let nLast = 0;
  for (let i = 0; i < residual.length; i++) {
    const at = rs.runningAtS[i] as number;
    if (at >= warmUpS && at < warmUpS + quarter) first[nFirst++] = residual[i] as number;
    if (at >= warmUpS + 3 * quarter) last[nLast++] = residual[i] as number;
  }
  return [first.subarray(0, nFirst), last.subarray(0, nLast)];
}
