import { expectedCadence, populationModel, type CadenceModel } from "../../core/cadence-model.ts";
import type { CorrelationResult } from "../../core/correlation.ts";
import type { Proportion } from "../../core/inference.ts";
import type { Insights, RunFindings } from "../../core/insights.ts";
import { formatDistance } from "../../core/format.ts";
import type { RedFlagFinding } from "../../core/red-flags.ts";
import type { Units } from "../../core/types.ts";
import type { ActivitySummary } from "../../db/activities-repo.ts";
import { dateSuspect, isTooShort } from "../../core/plausible.ts";
import type { Tip } from "../../core/advice.ts";
import { localClock } from "../../core/date-fix.ts";
import type {
  ActivityListItem,
  Advice,
  CadenceView,
  Correlation,
  InsightsView,
  LoadView,
  RedFlagNotice,
  RiskView,
  RunFlags,
} from "../../api/index.ts";

const finiteOrNull = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

/** A run's flags as the list shows them, from its findings (none when it was not analysed). */
export function flagsOf(findings: RunFindings | undefined): RunFlags {
  if (!findings)
    return { overstriding: null, absoluteLowCadence: false, lateCadenceDrop: false, spike: null };
  const { cadence, spike } = findings;
  return {
    overstriding: cadence.basis === "none" ? null : cadence.flag,
    absoluteLowCadence: cadence.absoluteLow,
    lateCadenceDrop: cadence.lateDrop?.flagged ?? false,
    spike: { category: spike.category, ratio: spike.ratio, longestPrior30dM: spike.l30M },
  };
}

/** Why a run has no cadence verdict, in the runner's words; null when it has one (or is not a run). */
export function noVerdictReason(a: ActivitySummary, findings: RunFindings | undefined): string | null {
  if (!a.isRun || (findings && findings.cadence.basis !== "none")) return null;
  if (isTooShort(a)) return "Too short to count as a run, so cadence is not judged.";
  if (a.avgCadenceSpm === null) return "The file holds no cadence, so there is nothing to judge.";
  const speed = a.avgSpeedMps ?? (a.distanceM && a.timerS ? a.distanceM / a.timerS : null);
  if (speed !== null && speed < WALKING_SPEED_MPS) {
    return "Walking pace throughout: cadence is judged only at running speeds (faster than 11:07 min/km), where the expected-cadence line holds.";
  }
  if (!findings) return "Left out of the analysis until its date is fixed or confirmed.";
  return "Too few seconds at running speed with a cadence reading to judge.";
}

// thresholds.runningSpeedMps: 1.5 m/s = 11:07 min/km.
const WALKING_SPEED_MPS = 1.5;

/** A row of the runs list: the stored summary with its flags. `today` marks implausible dates. */
export function toListItem(
  a: ActivitySummary,
  findings: RunFindings | undefined,
  today?: string,
): ActivityListItem {
  const cadence = findings?.cadence;
  return {
    id: a.id,
    sport: a.sport,
    subSport: a.subSport,
    isRun: a.isRun,
    startUtc: a.startUtc,
    localDate: a.localDate,
    distanceM: a.distanceM,
    timerS: a.timerS,
    avgSpeedMps: a.avgSpeedMps,
    avgCadenceSpm: a.avgCadenceSpm,
    avgHeartRateBpm: a.avgHeartRateBpm,
    medianCadenceSpm: finiteOrNull(cadence?.medianCadenceSpm),
    expectedCadenceSpm: finiteOrNull(cadence?.expectedCadenceSpm),
    cadenceResidualPct: finiteOrNull(cadence?.medianResidualPct),
    device: { manufacturer: a.device.manufacturer, product: a.device.product },
    flags: flagsOf(findings),
    partial: a.partial,
    name: a.name,
    notes: a.notes,
    shoeId: a.shoeId,
    // The stored mark (set on import) until the runner confirms; against today when the caller knows it.
    dateSuspect: today === undefined ? a.dateSuspect && !a.dateConfirmed : dateSuspect(a, today),
    localStartTime: localClock(a.startUtc, a.utcOffsetS).localTime,
    tooShort: isTooShort(a),
    noCadenceVerdict: noVerdictReason(a, findings),
  };
}

function risk(p: Proportion): RiskView {
  return Number.isFinite(p.p) ? { value: p.p, ci95: [p.lo, p.hi] } : null;
}

function toCorrelation(c: CorrelationResult): Correlation {
  return {
    hypothesis: c.hypothesis,
    verdict: c.verdict,
    eligibleRuns: c.eligibleRuns,
    flaggedRuns: c.flaggedRuns,
    flaggedWithPain: c.flaggedWithPain,
    unflaggedRuns: c.unflaggedRuns,
    unflaggedWithPain: c.unflaggedWithPain,
    relativeRisk: c.relativeRisk,
    ci95: c.ci95,
    pValue: c.pValue,
    explanation: c.explanation,
    explanationDetails: c.explanationDetails,
    missing: c.missing,
    permutationP: c.permutationP,
    powerForRr3: c.powerForRr3,
    unloggedRuns: c.unloggedRuns,
    assumedPainFreeRuns: c.assumedPainFreeRuns,
    retrospectiveRuns: c.retrospectiveRuns,
    recalledOutcomes: c.recalledOutcomes,
    completeCase: c.completeCase,
    painDaysToChange: c.painDaysToChange,
    adjusted: c.adjusted,
    overlap: c.overlap,
    flaggedRisk: risk(c.flaggedRisk),
    unflaggedRisk: risk(c.unflaggedRisk),
  };
}

const RED_FLAG_TITLES: Record<string, string> = {
  persisting_pain: "Pain that is not settling: book a check-up",
  worsening_pain: "Pain that is getting worse: book a check-up",
  deep_groin_pain: "Deep groin pain: stop running and see a clinician now",
};

/** Red flags as banners: acute ones stop running now; persisting or rising pain books a check-up. */
export function toRedFlagNotices(flags: readonly RedFlagFinding[]): RedFlagNotice[] {
  return flags.map((f) => ({
    id: f.id,
    urgency: f.urgency,
    title: RED_FLAG_TITLES[f.id] ?? "Stop running and see a clinician now",
    body:
      f.urgency === "now"
        ? "This is a reason to stop running and see a doctor or physiotherapist now, whatever your data shows. Your training targets are paused until then."
        : "Book a check-up with a doctor or physiotherapist: pain that has not settled in 2–3 weeks deserves a professional look. It is not an emergency.",
    because: [f.message],
  }));
}

/** A tip as the API gives it: every optional part present, possibly empty. */
export function toAdvice({ id, cause, title, body, because, details, exercises, source }: Tip): Advice {
  return {
    id,
    cause,
    title,
    body,
    because,
    details: details ?? [],
    exercises: exercises ?? [],
    source,
  };
}

export function toInsightsView(insights: Insights): InsightsView {
  return {
    correlations: insights.correlations.map(toCorrelation),
    advice: insights.advice.map(toAdvice),
    redFlags: toRedFlagNotices(insights.redFlags),
    targetsPaused: insights.targetsPaused,
    disclaimer: insights.disclaimer,
  };
}

/** The next-run ceiling in words (paused, and saying why, while a red flag is open). */
export function nextRunView(insights: Insights, units: Units): LoadView["nextRun"] {
  const c = insights.load.ceiling;
  if (insights.targetsPaused !== null) {
    return {
      ceilingM: null,
      longestPrior30dM: c?.l30M ?? null,
      explanation: insights.targetsPaused,
      paused: insights.targetsPaused,
    };
  }
  if (!c) {
    return {
      ceilingM: null,
      longestPrior30dM: null,
      explanation:
        "No run in the last 30 days: start shorter than your old long runs and build back gradually.",
      paused: null,
    };
  }
  return {
    ceilingM: c.ceilingM,
    longestPrior30dM: c.l30M,
    explanation: `Your longest run in the last 30 days was ${formatDistance(c.l30M, units)} (${c.longestRunDate}); keeping the next one under ${formatDistance(c.ceilingM, units)} (10% more) stays out of the spike range.`,
    paused: null,
  };
}

/**
 * Rounded for the wire: a 10-year load view is 10,000 points, and sums like 42269.639999999665 m made it 1.4 MB.
 * A tenth of a metre, 1/10,000 of a ratio and 1/100 of a percent are beyond what any chart or label shows.
 */
const rounded =
  (digits: number) =>
  <T extends number | null>(x: T): T => {
    if (x === null || !Number.isFinite(x)) return x;
    const f = 10 ** digits;
    return (Math.round(x * f) / f) as T;
  };
const metres = rounded(1);
const ratio = rounded(4);
const percent = rounded(2);

export function toLoadView(
  insights: Insights,
  distances: ReadonlyMap<number, number>,
): Omit<LoadView, "jumpEpisodes" | "range"> {
  const { load } = insights;
  const spikeByRun = new Map(insights.runs.map((r) => [r.runId, r]));
  const daily = new Map<string, number>();
  for (const r of insights.runs)
    daily.set(r.localDate, (daily.get(r.localDate) ?? 0) + (distances.get(r.runId) ?? 0));
  return {
    asOf: insights.today,
    daily: [...daily.entries()].map(([date, distanceM]) => ({ date, distanceM: metres(distanceM) })),
    weekly: load.weekly.map((w) => ({
      weekStart: w.weekStart,
      distanceM: metres(w.distanceM),
      runs: w.runs,
      changePct: w.changeVsPrevious === null ? null : percent(w.changeVsPrevious * 100),
    })),
    runs: insights.runs.map((r) => {
      const spike = spikeByRun.get(r.runId)?.spike;
      return {
        id: r.runId,
        localDate: r.localDate,
        distanceM: metres(spike?.distanceM ?? 0),
        longestPrior30dM: metres(spike?.l30M ?? null),
        ratio: ratio(spike?.ratio ?? null),
        category: spike?.category ?? "no_recent_base",
        hazardRatio: spike?.hazard
          ? { value: spike.hazard.hr, ci95: [spike.hazard.lo, spike.hazard.hi] }
          : null,
      };
    }),
    rolling7d: load.rollingChange.map((c) => ({
      date: c.date,
      distanceM: metres(c.last7M),
      previousM: metres(c.previous7M),
      changePct: c.change === null ? null : percent(c.change * 100),
      noted: c.noted,
    })),
    acuteChronic: load.acuteChronic.map((a) => ({
      date: a.date,
      uncoupled: ratio(a.uncoupledRatio),
      ewma: ratio(a.ewmaRatio),
    })),
    nextRun: nextRunView(insights, insights.units),
  };
}

function line(model: CadenceModel, from: number, to: number): { speedMps: number; cadenceSpm: number }[] {
  const out: { speedMps: number; cadenceSpm: number }[] = [];
  for (let v = from; v <= to + 1e-9; v += 0.1) {
    out.push({ speedMps: Math.round(v * 10) / 10, cadenceSpm: expectedCadence(model, v) });
  }
  return out;
}

function modelExplanation(model: CadenceModel): string {
  if (model.kind === "population") {
    return `Using the population line (150 + 6 × speed in m/s, van Oeveren 2019) until there is enough of your own data: ${model.fallbackReason ?? "not enough runs yet"}.`;
  }
  return `Your own line, fitted to ${model.nRuns} runs with cadence and speed (${model.speedRangeMps?.[0].toFixed(1)}–${model.speedRangeMps?.[1].toFixed(1)} m/s).`;
}

export function toCadenceView(insights: Insights): CadenceView {
  const { model, trends } = insights;
  const points = insights.runs.flatMap((r) =>
    r.cadence.medianSpeedMps !== null && r.cadence.medianCadenceSpm !== null
      ? [
          {
            runId: r.runId,
            localDate: r.localDate,
            speedMps: r.cadence.medianSpeedMps,
            cadenceSpm: r.cadence.medianCadenceSpm,
          },
        ]
      : [],
  );
  const speeds = points.map((p) => p.speedMps);
  const lo = Math.max(1.5, Math.floor((speeds.length ? Math.min(...speeds) : 2) * 10) / 10 - 0.2);
  const hi = Math.min(7, Math.ceil((speeds.length ? Math.max(...speeds) : 4.5) * 10) / 10 + 0.2);
  return {
    model: {
      kind: model.kind,
      interceptSpm: model.interceptSpm,
      slopeSpmPerMps: model.slopeSpmPerMps,
      quadSpmPerMps2: model.quadraticSpmPerMps2,
      runs: model.nRuns,
      speedRangeMps: model.speedRangeMps,
      explanation: modelExplanation(model),
    },
    points,
    personalLine: model.kind === "personal" ? line(model, lo, hi) : [],
    populationLine: line(populationModel(""), lo, hi),
    referenceSpeedMps: trends.referenceSpeedMps,
    trend: trends.weeks.map((w) => ({
      weekStart: w.weekStart,
      cadenceAtReferenceSpm: w.cadenceAtRefSpm,
      stepLengthM: w.stepLengthM,
      verticalRatioPct: w.verticalRatioPct,
      stanceTimeMs: w.stanceTimeMs,
      runs: w.runs,
    })),
  };
}
