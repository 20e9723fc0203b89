import { evaluate, huberFit } from "./regression.ts";
import { sortedByStart } from "./run-order.ts";
import { preparedOf } from "./prepared-run.ts";
import type { ReferenceBins } from "./reference-bins.ts";
import { median, weightedMedian } from "./stats.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

/**
 * Expected cadence for a speed: spm = interceptSpm + slopeSpmPerMps·v + quadraticSpmPerMps2·v² inside
 * speedRangeMps, continued along the tangent outside it (so a curve never runs away).
 */
export interface CadenceModel {
  kind: "personal" | "population";
  interceptSpm: number;
  slopeSpmPerMps: number;
  quadraticSpmPerMps2: number;
  /** Reference runs behind a personal model (0 for the population line). */
  nRuns: number;
  referenceRunIds: number[];
  /** The time-weighted 5th–95th percentile running speed of the reference runs. */
  speedRangeMps: [number, number] | null;
  /** Weight of the runner's own slope against the 6 spm per m/s prior (0–1). */
  slopeWeight: number;
  /** Robust SD of the reference points around the line, % of expected. */
  residualSdPct: number | null;
  /** Median running speed of the reference runs: the speed trends are reported at. */
  referenceSpeedMps: number | null;
  /** Why the population line is used, in plain words (null for a personal model). */
  fallbackReason: string | null;
}

/** The population line, spm ≈ 150 + 6.0 × speed (van Oeveren 2019). */
export function populationModel(reason: string, t: Thresholds = withDefaults()): CadenceModel {
  return {
    kind: "population",
    interceptSpm: t.populationInterceptSpm,
    slopeSpmPerMps: t.populationSlopeSpmPerMps,
    quadraticSpmPerMps2: 0,
    nRuns: 0,
    referenceRunIds: [],
    speedRangeMps: null,
    slopeWeight: 0,
    residualSdPct: null,
    referenceSpeedMps: null,
    fallbackReason: reason,
  };
}

/** Expected cadence (spm) at `speedMps` under `model`. */
export function expectedCadence(model: CadenceModel, speedMps: number): number {
  const { interceptSpm: a, slopeSpmPerMps: b, quadraticSpmPerMps2: c } = model;
  const range = model.speedRangeMps;
  if (c === 0 || range === null) return a + b * speedMps;
  const edge = Math.min(Math.max(speedMps, range[0]), range[1]);
  const atEdge = a + b * edge + c * edge * edge;
  return atEdge + (b + 2 * c * edge) * (speedMps - edge);
}

interface ReferenceRun extends ReferenceBins {
  id: number;
}

function referencePoints(run: Run, t: Thresholds): ReferenceRun | null {
  const bins = preparedOf(run, t)?.reference;
  return bins ? { id: run.id, ...bins } : null;
}

/**
 * The runner's own cadence-vs-speed line. Reference set: every run with ≥ 10 min of running samples
 * (the most recent `maxRuns`), fitted robustly; runs whose median residual is ±5% or more against
 * that first fit are then left out and the line refitted, so the runs we go on to flag do not drag
 * "expected" down to meet them. Falls back to the population line below 8 runs or a 0.5 m/s span.
 */
export function fitCadenceModel(
  runs: readonly Run[],
  overrides: Partial<Thresholds> = {},
  maxRuns = 100,
): CadenceModel {
  const t = withDefaults(overrides);
  const recent = sortedByStart(runs, true).slice(0, maxRuns);
  const refs = recent.map((r) => referencePoints(r, t)).filter((r): r is ReferenceRun => r !== null);
  if (refs.length < t.minReferenceRuns) {
    return populationModel(
      `${refs.length} run${refs.length === 1 ? "" : "s"} with cadence and speed; a personal line needs ${t.minReferenceRuns}`,
      t,
    );
  }
  const first = fitOnce(refs, t);
  if (first === null) return populationModel(spanReason(refs, t), t);
  const kept = refs.filter((r) => Math.abs(runResidual(first, r)) < -t.possibleResidual);
  const second = kept.length >= t.minReferenceRuns ? fitOnce(kept, t) : null;
  return second ?? first;
}

function speedSpan(refs: readonly ReferenceRun[]): [number, number] {
  const xs = refs.flatMap((r) => r.points.map((p) => p.x));
  const ws = refs.flatMap((r) => r.points.map((p) => p.w));
  return [weightedQuantile(xs, ws, 0.05), weightedQuantile(xs, ws, 0.95)];
}

function spanReason(refs: readonly ReferenceRun[], t: Thresholds): string {
  const [lo, hi] = speedSpan(refs);
  return `your runs span ${(hi - lo).toFixed(2)} m/s of speed; a personal line needs ${t.minReferenceSpanMps} m/s`;
}

function fitOnce(refs: readonly ReferenceRun[], t: Thresholds): CadenceModel | null {
  const [lo, hi] = speedSpan(refs);
  if (hi - lo < t.minReferenceSpanMps) return null;
  const points = refs.flatMap((r) => r.points);
  const totalW = points.reduce((s, p) => s + p.w, 0);
  const centre = points.reduce((s, p) => s + p.w * p.x, 0) / totalW;
  const variance = points.reduce((s, p) => s + p.w * (p.x - centre) ** 2, 0) / totalW;
  const tau2 = t.slopePriorSpeedSdMps ** 2;
  // Ridge toward 6 spm per m/s: the prior counts like a speed spread of slopePriorSpeedSdMps.
  const priors = [{ index: 1, target: t.populationSlopeSpmPerMps, strength: totalW * tau2 }];
  const degree = hi - lo >= 1.5 ? 2 : 1;
  if (degree === 2) priors.push({ index: 2, target: 0, strength: totalW * 0.01 });
  const fit = huberFit(points, degree, priors);
  const [c0, c1, c2 = 0] = fit.coefficients as [number, number, number?];
  const m = fit.centre;
  return {
    kind: "personal",
    interceptSpm: c0 - c1 * m + c2 * m * m,
    slopeSpmPerMps: c1 - 2 * c2 * m,
    quadraticSpmPerMps2: c2,
    nRuns: refs.length,
    referenceRunIds: refs.map((r) => r.id),
    speedRangeMps: [lo, hi],
    slopeWeight: variance / (variance + tau2),
    residualSdPct: (100 * fit.scale) / evaluate(fit.coefficients, 0),
    referenceSpeedMps: median(refs.map((r) => r.medianSpeedMps)),
    fallbackReason: null,
  };
}

function runResidual(model: CadenceModel, ref: ReferenceRun): number {
  const residuals = ref.points.map((p) => (p.y - expectedCadence(model, p.x)) / expectedCadence(model, p.x));
  return weightedMedian(
    residuals,
    ref.points.map((p) => p.w),
  );
}

function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((v, i) => ({ v, w: weights[i] ?? 0 })).sort((a, b) => a.v - b.v);
  const total = order.reduce((s, o) => s + o.w, 0);
  let acc = 0;
  for (const o of order) {
    acc += o.w;
    if (acc >= q * total) return o.v;
  }
  return order[order.length - 1]?.v ?? Number.NaN;
}
