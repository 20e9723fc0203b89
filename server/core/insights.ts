import { NOT_MEDICAL_ADVICE, pausedBecause, selectAdvice, type Tip } from "./advice.ts";
import { fitCadenceModel, type CadenceModel } from "./cadence-model.ts";
import { correlateAll, type CorrelationResult, type Exposure, type Hypothesis } from "./correlation.ts";
import { nextRunCeiling, runSpikes, type NextRunCeiling, type RunSpike } from "./load.ts";
import {
  acuteChronic,
  dailyDistance,
  rollingWeeklyChange,
  weeklyDistance,
  type AcuteChronic,
  type RollingChange,
  type WeeklyLoad,
} from "./load-series.ts";
import { analyzeCadence, type CadenceAnalysis } from "./overstriding.ts";
import type { PainEntry } from "./pain.ts";
import { painOutcomes, type RunPainOutcome } from "./pain-outcomes.ts";
import { findRedFlags, type RedFlagFinding } from "./red-flags.ts";
import { sortedByStart } from "./run-order.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import { assumedPainFreeDays, DEFAULT_PAIN_DIARY, type AssumedDay, type PainDiary } from "./pain-diary.ts";
import { addDays, instantMs } from "./dates.ts";
import { median } from "./stats.ts";
import { cadenceExposure } from "./cadence-exposure.ts";
import { weeklyTrends, type RunTrendPoint, type Trends } from "./trends.ts";
import type { Run, Units } from "./types.ts";

export interface InsightsInput {
  runs: readonly Run[];
  pain: readonly PainEntry[];
  /** The runner's local date today (YYYY-MM-DD): nothing after it is read. */
  today: string;
  units: Units;
  thresholds?: Partial<Thresholds>;
  /** A model fitted earlier (else fitted here from `runs`). */
  model?: CadenceModel;
  /** Per-run cadence results cached by the caller (computed here for runs missing from it). */
  cadence?: ReadonlyMap<number, CadenceAnalysis>;
  /** Per-run trend points cached by the caller (made with the same model and reference speed). */
  trendPoints?: ReadonlyMap<number, RunTrendPoint>;
  /** How the runner keeps the diary (default: every day, nothing declared). */
  diary?: PainDiary;
}

/** Everything known about one run. */
export interface RunFindings {
  runId: number;
  localDate: string;
  cadence: CadenceAnalysis;
  spike: RunSpike;
  pain: RunPainOutcome;
}

export interface LoadSummary {
  weekly: WeeklyLoad[];
  /** The rolling 7-day change ending today. */
  latestChange: RollingChange | null;
  /** Every day's rolling 7-day change (chart; > 30% noted). */
  rollingChange: RollingChange[];
  /** Descriptive only: chart it, never colour it as risk. */
  acuteChronic: AcuteChronic[];
  ceiling: NextRunCeiling | null;
}

/** The `GET /api/insights` shape (correlations, advice, redFlags) and the findings behind it. */
export interface Insights {
  today: string;
  units: Units;
  correlations: CorrelationResult[];
  advice: Tip[];
  redFlags: RedFlagFinding[];
  /** Why training targets (next-run ceiling, cadence increase) are paused; null when they are not. */
  targetsPaused: string | null;
  disclaimer: string;
  model: CadenceModel;
  runs: RunFindings[];
  load: LoadSummary;
  trends: Trends;
}

/** Per-run cadence flags under a model: cacheable by the storage layer until the model changes. */
export function analyzeRun(
  run: Run,
  model: CadenceModel,
  thresholds: Partial<Thresholds> = {},
): CadenceAnalysis {
  return analyzeCadence(run, model, thresholds);
}

/** All findings from a runner's history and pain log as of `today`. */
export function computeInsights(input: InsightsInput): Insights {
  const t = input.thresholds ?? {};
  const runs = sortedByStart(input.runs.filter((r) => r.localDate <= input.today));
  const pain = input.pain.filter((e) => e.date <= input.today);
  const model = input.model ?? fitCadenceModel(runs, t);
  const cadence = new Map(runs.map((r) => [r.id, input.cadence?.get(r.id) ?? analyzeCadence(r, model, t)]));
  const spikes = runSpikes(runs, t);
  const spikeById = new Map(spikes.map((s) => [s.runId, s]));
  const assumed = assumedDays(input.diary ?? DEFAULT_PAIN_DIARY, pain, input.today);
  const outcomes = painOutcomes(runs, pain, t, assumed);
  const exposures = new Map<Hypothesis, Exposure>([
    ["overstriding", cadenceExposure(runs, cadence, withDefaults(t))],
    ["mileage_spike", laggedSpikeExposure(runs, spikes, outcomes, withDefaults(t).spikeLagH)],
  ]);
  const correlations = correlateAll(
    exposures,
    outcomes,
    t,
    assumed.length > 0 ? { completeCase: painOutcomes(runs, pain, t) } : {},
  );
  // One day-by-day table for the three load series (3,650 days on a 10-year history).
  const days = dailyDistance(runs, input.today);
  const rolling = rollingWeeklyChange(runs, input.today, t, days);
  const load: LoadSummary = {
    weekly: weeklyDistance(runs, input.today, days),
    latestChange: rolling[rolling.length - 1] ?? null,
    rollingChange: rolling,
    acuteChronic: acuteChronic(runs, input.today, days),
    ceiling: nextRunCeiling(runs, input.today, t),
  };
  const redFlags = findRedFlags(pain, input.today);
  const trends = weeklyTrends(runs, model, t, input.trendPoints);
  const advice = selectAdvice({
    today: input.today,
    units: input.units,
    runs,
    cadence,
    spikes,
    weeklyChanges: rolling,
    ceiling: load.ceiling,
    correlations,
    pain,
    redFlags,
    model,
    usualSpeedMps: trends.referenceSpeedMps,
    ownCadenceSpm: recentCadenceAtReference(trends, input.today),
  });
  const runFindings = runs.map((r, i) => ({
    runId: r.id,
    localDate: r.localDate,
    cadence: cadence.get(r.id) as CadenceAnalysis,
    spike: spikeById.get(r.id) as RunSpike,
    pain: outcomes[i] as RunPainOutcome,
  }));
  return {
    today: input.today,
    units: input.units,
    correlations,
    advice,
    redFlags,
    targetsPaused: pausedBecause(redFlags),
    disclaimer: NOT_MEDICAL_ADVICE,
    model,
    runs: runFindings,
    load,
    trends,
  };
}

/** The runner's own cadence at the reference speed: the median of the weekly values of the last 6 weeks. */
function recentCadenceAtReference(trends: Trends, today: string): number | null {
  const from = addDays(today, -42);
  const values = trends.weeks
    .filter((w) => w.weekStart >= from && w.cadenceAtRefSpm !== null)
    .map((w) => w.cadenceAtRefSpm as number);
  return values.length === 0 ? null : median(values);
}

/** The unlogged days a pain-days-only declaration counts as pain-free (touches: the dates entries were written). */
function assumedDays(diary: PainDiary, pain: readonly PainEntry[], today: string): AssumedDay[] {
  if (diary.periods.length === 0) return [];
  const logged = new Set(pain.map((e) => e.date));
  const touches = pain.map((e) => (e.loggedAt ? e.loggedAt.slice(0, 10) : e.date));
  return assumedPainFreeDays(diary, logged, touches, today);
}

/**
 * A run is exposed when it is a spike, or when a spike started in the `lagH` hours before it and that spike's own
 * outcome window is empty (its pain was given to this later run: back-to-back runs hand pain to the latest). A spike
 * that has an outcome of its own is judged on it, so the run after it is not counted twice.
 */
function laggedSpikeExposure(
  runs: readonly Run[],
  spikes: readonly RunSpike[],
  outcomes: readonly RunPainOutcome[],
  lagH: number,
): Exposure {
  const byId = new Map(spikes.map((s) => [s.runId, s]));
  const covered = new Map(outcomes.map((o) => [o.runId, o.covered]));
  const out = new Map<number, boolean | null>();
  let lastSpikeMs = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    const start = instantMs(run.startUtc);
    const s = byId.get(run.id);
    const lagged = start - lastSpikeMs <= lagH * 3_600_000;
    out.set(run.id, s?.spike || lagged ? true : s === undefined || s.ratio === null ? null : false);
    if (s?.spike && !covered.get(run.id)) lastSpikeMs = start;
    else if (s?.spike) lastSpikeMs = Number.NEGATIVE_INFINITY;
  }
  return out;
}
