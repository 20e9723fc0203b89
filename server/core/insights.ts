import { NOT_MEDICAL_ADVICE, selectAdvice, type Tip } from "./advice.ts";
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
import { analyseCadence, type CadenceAnalysis } from "./overstriding.ts";
import type { PainEntry } from "./pain.ts";
import { painOutcomes, type RunPainOutcome } from "./pain-outcomes.ts";
import { findRedFlags, type RedFlagFinding } from "./red-flags.ts";
import { sortedByStart } from "./run-order.ts";
import type { Thresholds } from "./thresholds.ts";
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
  /** Seed of the block permutation guard. */
  seed?: number;
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
  disclaimer: string;
  model: CadenceModel;
  runs: RunFindings[];
  load: LoadSummary;
  trends: Trends;
}

/** Per-run cadence flags under a model: cacheable by the storage layer until the model changes. */
export function analyseRunCadence(
  run: Run,
  model: CadenceModel,
  thresholds: Partial<Thresholds> = {},
): CadenceAnalysis {
  return analyseCadence(run, model, thresholds);
}

/** All findings from a runner's history and pain log as of `today`. */
export function computeInsights(input: InsightsInput): Insights {
  const t = input.thresholds ?? {};
  const runs = sortedByStart(input.runs.filter((r) => r.localDate <= input.today));
  const pain = input.pain.filter((e) => e.date <= input.today);
  const model = input.model ?? fitCadenceModel(runs, t);
  const cadence = new Map(runs.map((r) => [r.id, input.cadence?.get(r.id) ?? analyseCadence(r, model, t)]));
  const spikes = runSpikes(runs, t);
  const spikeById = new Map(spikes.map((s) => [s.runId, s]));
  const outcomes = painOutcomes(runs, pain, t);
  const exposures = new Map<Hypothesis, Exposure>([
    ["overstriding", new Map(runs.map((r) => [r.id, exposureOfCadence(cadence.get(r.id))]))],
    ["mileage_spike", new Map(spikes.map((s) => [s.runId, s.ratio === null ? null : s.spike]))],
  ]);
  const correlations = correlateAll(exposures, outcomes, t, input.seed ?? 1);
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
    disclaimer: NOT_MEDICAL_ADVICE,
    model,
    runs: runFindings,
    load,
    trends,
  };
}

function exposureOfCadence(a: CadenceAnalysis | undefined): boolean | null {
  if (!a || a.basis === "none") return null;
  return a.flag !== "none";
}
