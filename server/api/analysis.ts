import { z } from "zod";
import { activityListItemSchema, spikeCategorySchema } from "./activities.ts";
import { painEntrySchema } from "./pain.ts";

const num = z.number().nullable();
const interval = z.tuple([z.number(), z.number()]);

export const nextRunSchema = z.object({
  ceilingM: num,
  longestPrior30dM: num,
  explanation: z.string(),
  /** Why the ceiling is withheld (an open red flag), else null. */
  paused: z.string().nullable(),
});

/** Noted rolling-7-day rises over consecutive days, as one episode. */
export const jumpEpisodeViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  peak: z.object({ date: z.string(), distanceM: z.number(), previousM: z.number(), changePct: num }),
});
export type JumpEpisodeView = z.infer<typeof jumpEpisodeViewSchema>;

/** `GET /api/load` query: the dates to answer for (a year to the last run by default). */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
// "all" is not offered: the whole of a ten-year history is what made this view 1.1 MB.
export const loadRangeQuerySchema = z.strictObject({ from: date.optional(), to: date.optional() });

/** `GET /api/load`. */
export const loadViewSchema = z.object({
  asOf: z.string(),
  daily: z.array(z.object({ date: z.string(), distanceM: z.number() })),
  weekly: z.array(
    z.object({ weekStart: z.string(), distanceM: z.number(), runs: z.number().int(), changePct: num }),
  ),
  runs: z.array(
    z.object({
      id: z.number().int(),
      localDate: z.string(),
      distanceM: z.number(),
      longestPrior30dM: num,
      ratio: num,
      category: spikeCategorySchema,
      hazardRatio: z.object({ value: z.number(), ci95: interval }).nullable(),
      /** Pain in the 48 hours after; null when the log does not cover them. */
      painAfter: z.boolean().nullable().optional(),
    }),
  ),
  /** Rolling 7-day distance against the 7 days before; noted when the rise is over 30%. */
  rolling7d: z.array(
    z.object({
      date: z.string(),
      distanceM: z.number(),
      previousM: z.number(),
      changePct: num,
      noted: z.boolean(),
    }),
  ),
  /** Descriptive only: never coloured as risk. */
  acuteChronic: z.array(z.object({ date: z.string(), uncoupled: num, ewma: num })),
  nextRun: nextRunSchema,
  /** Noted rolling-7-day rises grouped into episodes: one entry per stretch of noted days. */
  jumpEpisodes: z.array(jumpEpisodeViewSchema),
  /** The dates this answer covers (from/to) and the whole history's first and last day. */
  range: z.object({
    from: z.string(),
    to: z.string(),
    earliest: z.string().nullable(),
    latest: z.string().nullable(),
  }),
});
export type LoadView = z.infer<typeof loadViewSchema>;

const speedCadence = z.object({ speedMps: z.number(), cadenceSpm: z.number() });

/** `GET /api/cadence`. */
export const cadenceViewSchema = z.object({
  model: z.object({
    kind: z.enum(["personal", "population"]),
    interceptSpm: z.number(),
    slopeSpmPerMps: z.number(),
    quadSpmPerMps2: z.number(),
    runs: z.number().int(),
    speedRangeMps: interval.nullable(),
    explanation: z.string(),
  }),
  /** One point per run, for the cadence-vs-speed scatter. */
  points: z.array(speedCadence.extend({ runId: z.number().int(), localDate: z.string() })),
  personalLine: z.array(speedCadence),
  populationLine: z.array(speedCadence),
  referenceSpeedMps: z.number(),
  trend: z.array(
    z.object({
      weekStart: z.string(),
      cadenceAtReferenceSpm: num,
      stepLengthM: num,
      verticalRatioPct: num,
      stanceTimeMs: num,
      runs: z.number().int(),
    }),
  ),
});
export type CadenceView = z.infer<typeof cadenceViewSchema>;

export const hypothesisSchema = z.enum(["overstriding", "mileage_spike"]);
export type Hypothesis = z.infer<typeof hypothesisSchema>;
export const verdictSchema = z.enum(["linked", "no_clear_link", "not_enough_data"]);
export type Verdict = z.infer<typeof verdictSchema>;

/** A risk with its Wilson 95% interval; null when no run is in the group. */
export const riskViewSchema = z.object({ value: z.number(), ci95: interval }).nullable();
export type RiskView = z.infer<typeof riskViewSchema>;

/** One fixed hypothesis: its counts, test and words, with its risks shaped for display. */
export const correlationSchema = z.object({
  hypothesis: hypothesisSchema,
  verdict: verdictSchema,
  eligibleRuns: z.number().int(),
  flaggedRuns: z.number().int(),
  flaggedWithPain: z.number().int(),
  unflaggedRuns: z.number().int(),
  unflaggedWithPain: z.number().int(),
  relativeRisk: num,
  ci95: interval.nullable(),
  pValue: num,
  /** Plain words: counts, how sure and what it means, with no intervals or p-values. */
  explanation: z.string(),
  /** The intervals, p-values and method behind the explanation. */
  explanationDetails: z.string(),
  missing: z.array(z.string()),
  permutationP: num,
  powerForRr3: z.number(),
  unloggedRuns: z.number().int(),
  assumedPainFreeRuns: z.number().int(),
  retrospectiveRuns: z.number().int(),
  recalledOutcomes: z.number().int(),
  /** The same test on logged days only (no assumed pain-free days). */
  completeCase: z.object({
    verdict: verdictSchema,
    eligibleRuns: z.number().int(),
    flaggedWithPain: z.number().int(),
    flaggedRuns: z.number().int(),
    unflaggedWithPain: z.number().int(),
    unflaggedRuns: z.number().int(),
  }),
  painDaysToChange: num,
  /** Overstriding's risk ratio adjusted for mileage spikes (Mantel–Haenszel). */
  adjusted: z
    .object({ stratifiedBy: hypothesisSchema, relativeRisk: num, ci95: interval.nullable() })
    .nullable(),
  /** How the two flags overlap among the eligible runs where both can be judged. */
  overlap: z
    .object({
      both: z.number().int(),
      thisOnly: z.number().int(),
      otherOnly: z.number().int(),
      neither: z.number().int(),
    })
    .nullable(),
  flaggedRisk: riskViewSchema,
  unflaggedRisk: riskViewSchema,
});
export type Correlation = z.infer<typeof correlationSchema>;

export const adviceSchema = z.object({
  id: z.string(),
  cause: z.string(),
  title: z.string(),
  body: z.string(),
  because: z.array(z.string()),
  /** The statistics behind `because` (intervals, p-values), shown behind a "details" toggle. */
  details: z.array(z.string()),
  /** Exercises the tip names, by id (web/tips/exercises.ts), in the order to show them. */
  exercises: z.array(z.string()),
  source: z.string(),
});
export type Advice = z.infer<typeof adviceSchema>;

export const redFlagNoticeSchema = z.object({
  id: z.string(),
  /** now: stop running and see a clinician now; check_up: book a check-up. */
  urgency: z.enum(["now", "check_up"]),
  title: z.string(),
  body: z.string(),
  because: z.array(z.string()),
});
export type RedFlagNotice = z.infer<typeof redFlagNoticeSchema>;

/** `GET /api/insights`. */
export const insightsViewSchema = z.object({
  correlations: z.array(correlationSchema),
  advice: z.array(adviceSchema),
  redFlags: z.array(redFlagNoticeSchema),
  /** Why training targets (next-run ceiling, cadence increase) are paused; null when they are not. */
  targetsPaused: z.string().nullable(),
  disclaimer: z.string(),
});
export type InsightsView = z.infer<typeof insightsViewSchema>;

/** A hypothesis's verdict with the counts behind it, for the Overview's answer-first lines. */
export const verdictLineSchema = correlationSchema.pick({
  hypothesis: true,
  verdict: true,
  eligibleRuns: true,
  flaggedRuns: true,
  flaggedWithPain: true,
  unflaggedRuns: true,
  unflaggedWithPain: true,
  missing: true,
});
export type VerdictLine = z.infer<typeof verdictLineSchema>;

/** `GET /api/overview`: the answer first. */
export const overviewViewSchema = z.object({
  hasData: z.boolean(),
  runs: z.number().int(),
  thisWeekM: z.number(),
  lastWeekM: z.number(),
  /** Last week's distance over the same days as this week so far (Monday to today's weekday). */
  lastWeekSameDaysM: z.number(),
  /** Days of this week so far, today included: 1 on a Monday, 7 on a Sunday. */
  daysIntoWeek: z.number().int(),
  verdicts: z.array(verdictLineSchema),
  /** Recent runs with no pain entry on their day or the day after, newest first. */
  unanswered: z.array(activityListItemSchema),
  nextRun: nextRunSchema,
  lastRun: activityListItemSchema.nullable(),
  latestPain: painEntrySchema.nullable(),
  topTip: adviceSchema.nullable(),
  redFlags: z.array(redFlagNoticeSchema),
});
export type OverviewView = z.infer<typeof overviewViewSchema>;
