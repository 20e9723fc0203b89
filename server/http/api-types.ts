// The JSON the dashboard API answers with. The browser imports these as types only.
// Units are in the names; dates are local YYYY-MM-DD unless the name says Utc.

import type { CorrelationResult, Hypothesis, Verdict } from "../core/correlation.ts";
import type { PainEntry as CorePainEntry, PainEntryInput } from "../core/pain.ts";
import type { DiaryMode, PainDiary } from "../core/pain-diary.ts";

/** A stored pain entry: `loggedAt` is when it was written (server clock), `recalled` when > 3 days after its date. */
export type PainEntry = CorePainEntry & { loggedAt: string; recalled: boolean };
export type { PainEntryInput, DiaryMode, PainDiary };

export type Units = "km" | "mi";

export interface Settings {
  units: Units;
  heightCm: number | null;
  /** mode/since are the declaration in force; periods keep every past declaration. PUT takes {mode, since}. */
  painDiary: PainDiary;
}

/** What PUT /api/settings takes: any of the keys; painDiary as a declaration. */
export interface SettingsPatch {
  units?: Units;
  heightCm?: number | null;
  painDiary?: { mode: DiaryMode; since: string | null };
}

export type ImportStatus = "imported" | "duplicate" | "skipped" | "rejected";

export interface ImportResult {
  file: string;
  status: ImportStatus;
  activityIds: number[];
  code?: string;
  message?: string;
  /** The file is cut off before its end: its runs are stored marked partial. */
  partial?: boolean;
  /** How many partial copies this file's runs replaced. */
  replaced?: number;
}

export interface ImportResponse {
  results: ImportResult[];
  summary: Record<ImportStatus, number>;
}

export type OverstridingFlag = "none" | "possible" | "marked";

/** Frandsen et al. 2025 categories of a run's distance against the longest of the 30 days before. */
export type SpikeCategory =
  "within_10pct" | "10_to_30pct" | "30_to_100pct" | "over_100pct" | "no_recent_base";

export interface RunFlags {
  /** null for activities that are not runs or have no cadence. */
  overstriding: OverstridingFlag | null;
  absoluteLowCadence: boolean;
  lateCadenceDrop: boolean;
  spike: { category: SpikeCategory; ratio: number | null; longestPrior30dM: number | null } | null;
}

export interface ActivityListItem {
  id: number;
  sport: string;
  subSport: string | null;
  isRun: boolean;
  startUtc: string;
  localDate: string;
  distanceM: number | null;
  timerS: number | null;
  avgSpeedMps: number | null;
  avgCadenceSpm: number | null;
  avgHeartRateBpm: number | null;
  /** Median cadence over the running time (speed ≥ 1.5 m/s): the one average the flags and the dashboard use. */
  medianCadenceSpm: number | null;
  /** Expected cadence at this run's speeds (personal model, or the population line until there is one). */
  expectedCadenceSpm: number | null;
  /** Median (observed − expected) / expected, in percent; negative is below expected. */
  cadenceResidualPct: number | null;
  device: { manufacturer: string | null; product: string | null };
  flags: RunFlags;
  /** Read from a file cut off before its end; a complete copy replaces it. */
  partial: boolean;
  name: string | null;
  notes: string;
  shoeId: number | null;
  /** Dated before 2000 or after tomorrow (a watch clock never set), not confirmed: off time axes until fixed. */
  dateSuspect: boolean;
  /** Under a minute or 100 m: stored, hidden from the list, not counted as a run. */
  tooShort: boolean;
  /** Why a run has no cadence verdict (walking pace, no cadence in the file); null when it has one. */
  noCadenceVerdict: string | null;
  /** From "Try the demo" (set on the runs list). */
  demo?: boolean;
}

export interface ActivityPage {
  items: ActivityListItem[];
  total: number;
  /** Recordings hidden because they are too short to be runs (shown with includeShort=true). */
  hiddenShort?: number;
  /** Runs whose date needs the runner: listed to fix or confirm. */
  dateSuspect?: ActivityListItem[];
  page: number;
  pageSize: number;
}

export interface LapView {
  index: number;
  startUtc: string;
  elapsedS: number | null;
  timerS: number | null;
  distanceM: number | null;
  avgSpeedMps: number | null;
  avgCadenceSpm: number | null;
  avgHeartRateBpm: number | null;
}

/** Downsampled columns for charts; null where the file held no value. */
export interface SeriesView {
  timeS: number[];
  distanceM: (number | null)[];
  speedMps: (number | null)[];
  cadenceSpm: (number | null)[];
  expectedCadenceSpm: (number | null)[];
  heartRateBpm: (number | null)[];
  altitudeM: (number | null)[];
  stepLengthM: (number | null)[];
  verticalOscillationMm: (number | null)[];
  verticalRatioPct: (number | null)[];
  stanceTimeMs: (number | null)[];
}

export interface FlaggedSegment {
  startS: number;
  endS: number;
  medianResidualPct: number;
}

export interface ActivityDetail {
  summary: ActivityListItem & {
    elapsedS: number | null;
    maxSpeedMps: number | null;
    maxHeartRateBpm: number | null;
    totalAscentM: number | null;
    avgStepLengthM: number | null;
    avgVerticalOscillationMm: number | null;
    avgVerticalRatioPct: number | null;
    avgStanceTimeMs: number | null;
    hasRunningDynamics: boolean;
    fileName: string;
    /** Share of running time in flagged stretches, 0–1. */
    flaggedShare: number | null;
    /** Late-run drop: last-quarter minus first-quarter median residual, in percentage points. */
    lateDropPts: number | null;
  };
  laps: LapView[];
  series: SeriesView;
  flaggedSegments: FlaggedSegment[];
  /** Plain sentences about this run ("Your cadence was 6% below what you usually run at this speed"). */
  notes: string[];
}

export interface LoadView {
  asOf: string;
  daily: { date: string; distanceM: number }[];
  weekly: { weekStart: string; distanceM: number; runs: number; changePct: number | null }[];
  runs: {
    id: number;
    localDate: string;
    distanceM: number;
    longestPrior30dM: number | null;
    ratio: number | null;
    category: SpikeCategory;
    hazardRatio: { value: number; ci95: [number, number] } | null;
    /** Pain in the 48 hours after; null when the log does not cover them. */
    painAfter?: boolean | null;
  }[];
  /** Rolling 7-day distance against the 7 days before; noted when the rise is over 30%. */
  rolling7d: {
    date: string;
    distanceM: number;
    previousM: number;
    changePct: number | null;
    noted: boolean;
  }[];
  /** Descriptive only: never coloured as risk. */
  acuteChronic: { date: string; uncoupled: number | null; ewma: number | null }[];
  /** paused: why the ceiling is withheld (an open red flag), else null. */
  nextRun: {
    ceilingM: number | null;
    longestPrior30dM: number | null;
    explanation: string;
    paused: string | null;
  };
  /** Noted rolling-7-day rises grouped into episodes: one entry per stretch of noted days. */
  jumpEpisodes: JumpEpisodeView[];
  /** The dates this answer covers (from/to) and the whole history's first and last day. */
  range: { from: string; to: string; earliest: string | null; latest: string | null };
}

export interface JumpEpisodeView {
  from: string;
  to: string;
  days: number;
  peak: { date: string; distanceM: number; previousM: number; changePct: number | null };
}

export interface CadenceModelView {
  kind: "personal" | "population";
  interceptSpm: number;
  slopeSpmPerMps: number;
  quadSpmPerMps2: number;
  runs: number;
  speedRangeMps: [number, number] | null;
  explanation: string;
}

export interface CadenceView {
  model: CadenceModelView;
  /** One point per run stretch (binned), for the cadence-vs-speed scatter. */
  points: { runId: number; localDate: string; speedMps: number; cadenceSpm: number }[];
  personalLine: { speedMps: number; cadenceSpm: number }[];
  populationLine: { speedMps: number; cadenceSpm: number }[];
  referenceSpeedMps: number;
  trend: {
    weekStart: string;
    cadenceAtReferenceSpm: number | null;
    stepLengthM: number | null;
    verticalRatioPct: number | null;
    stanceTimeMs: number | null;
    runs: number;
  }[];
}

export type { Hypothesis, Verdict };

/** A risk with its Wilson 95% interval; null when no run is in the group. */
export type RiskView = { value: number; ci95: [number, number] } | null;

/** One fixed hypothesis: the core's counts, test and words, with its risks shaped for display. */
export type Correlation = Pick<
  CorrelationResult,
  | "hypothesis"
  | "verdict"
  | "eligibleRuns"
  | "flaggedRuns"
  | "flaggedWithPain"
  | "unflaggedRuns"
  | "unflaggedWithPain"
  | "relativeRisk"
  | "ci95"
  | "pValue"
  | "explanation"
  | "missing"
  | "permutationP"
  | "powerForRr3"
  | "unloggedRuns"
  | "assumedPainFreeRuns"
  | "retrospectiveRuns"
  | "recalledOutcomes"
  | "completeCase"
  | "painDaysToChange"
  | "adjusted"
  | "overlap"
> & { flaggedRisk: RiskView; unflaggedRisk: RiskView };

export interface Advice {
  id: string;
  cause: string;
  title: string;
  body: string;
  because: string[];
  source: string;
}

export interface RedFlagNotice {
  id: string;
  /** now: stop running and see a clinician now; check_up: book a check-up. */
  urgency: "now" | "check_up";
  title: string;
  body: string;
  because: string[];
}

export interface InsightsView {
  correlations: Correlation[];
  advice: Advice[];
  redFlags: RedFlagNotice[];
  /** Why training targets (next-run ceiling, cadence increase) are paused; null when they are not. */
  targetsPaused: string | null;
  disclaimer: string;
}

/** A hypothesis's verdict with the counts behind it, for the Overview's answer-first lines. */
export type VerdictLine = Pick<
  Correlation,
  | "hypothesis"
  | "verdict"
  | "eligibleRuns"
  | "flaggedRuns"
  | "flaggedWithPain"
  | "unflaggedRuns"
  | "unflaggedWithPain"
  | "missing"
>;

export interface OverviewView {
  hasData: boolean;
  runs: number;
  thisWeekM: number;
  lastWeekM: number;
  /** Last week's distance over the same days as this week so far (Monday to today's weekday). */
  lastWeekSameDaysM: number;
  /** Days of this week so far, today included: 1 on a Monday, 7 on a Sunday. */
  daysIntoWeek: number;
  verdicts: VerdictLine[];
  /** Recent runs with no pain entry on their day or the day after, newest first. */
  unanswered: ActivityListItem[];
  nextRun: LoadView["nextRun"];
  lastRun: ActivityListItem | null;
  latestPain: PainEntry | null;
  topTip: Advice | null;
  redFlags: RedFlagNotice[];
}

export interface ApiError {
  error: { code: string; message: string };
}

/** A run's route: [lat, lon] points (≤ 500), empty when the file has no GPS. */
export interface RouteView {
  points: [number, number][];
  bounds: { minLat: number; maxLat: number; minLon: number; maxLon: number } | null;
}

export interface ShoeView {
  id: number;
  name: string;
  retireAtM: number;
  isDefault: boolean;
  retired: boolean;
  distanceM: number;
  runs: number;
  /** At or past its retire-at distance (and not yet retired). */
  dueForRetirement: boolean;
}

export interface PersonalRecordView {
  key: string;
  label: string;
  distanceM: number;
  durationS: number | null;
  runId: number;
  localDate: string;
}

export interface DemoStatus {
  demoRuns: number;
  realRuns: number;
}

export interface CalendarDay {
  date: string;
  runs: { id: number; distanceM: number; name: string | null }[];
  /** Worst pain logged that day, 0–10; null when nothing was logged. */
  painSeverity: number | null;
}

export interface CalendarView {
  month: string;
  /** Monday-first weeks would need the client's locale: days are listed, the page lays them out. */
  days: CalendarDay[];
  totalDistanceM: number;
}

export interface MapSettings {
  /** Tile URL template with {z}, {x} and {y}, https only; null draws the outline on a plain background. */
  tileUrl: string | null;
}
