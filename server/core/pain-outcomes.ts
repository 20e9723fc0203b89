import { addDays, dateOfDay, dayNumber, instantMs } from "./dates.ts";
import type { PainTiming } from "../api/pain.ts";
import type { PainEntry } from "./pain.ts";
import type { AssumedDay } from "./pain-diary.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

const DAY_MS = 86_400_000;

/** How the pain log reads around one run (science.md §5). */
export interface RunPainOutcome {
  runId: number;
  localDate: string;
  /** Worst pain known before the run: that day's entry felt or written before it, else the day before's, else 2 days before. */
  preRunSeverity: number | null;
  /** Median of the daily worst pain over known days in the 7 days before the run (null: fewer than 5 known). */
  baseline: number | null;
  /** Pre-run pain ≤ max(2, baseline + 1): not already in a flare. */
  startedPainFree: boolean;
  /** Some day (logged, or assumed pain-free under a declaration) belongs to this run's 0–48 h window. */
  covered: boolean;
  /** Worst pain belonging to the run's window (null when not covered). */
  maxSeverity: number | null;
  /** A flare: severity ≥ max(3, pre-run pain + 2) within the window. */
  painEvent: boolean;
  /** Dates of the entries that made it a pain event. */
  painDates: string[];
  /** Started pain-free and covered: counts in the correlation. */
  eligible: boolean;
  /** Covered only by days assumed pain-free (no entry was logged in its window). */
  outcomeAssumed?: boolean;
  /** ... and at least one of those days was declared afterwards. */
  outcomeRetrospective?: boolean;
  /** The entries deciding its outcome were all written > 3 days after their date. */
  outcomeRecalled?: boolean;
}

/** One day's pain as the outcome rules read it: a logged entry, or a day assumed pain-free. */
interface DayValue {
  date: string;
  severity: number;
  timing: PainTiming | null;
  /** When it was written (ms); null when unknown or assumed. */
  loggedAtMs: number | null;
  assumed: boolean;
  retrospective: boolean;
  recalled: boolean;
}

/** Written more than `days` days after its date (science.md §5: recalled, still counted). */
export function isRecalled(entry: Pick<PainEntry, "date" | "loggedAt">, days = 3): boolean {
  if (!entry.loggedAt) return false;
  return instantMs(entry.loggedAt) >= (dayNumber(entry.date) + 1 + days) * DAY_MS;
}

/** Pain ≥ max(3, reference + 2): Farrar's 2 points above what the runner started the run with. */
export function isPainEvent(severity: number, reference: number | null, t: Thresholds): boolean {
  if (severity <= 0) return false;
  return severity >= Math.max(t.painEventSeverity, (reference ?? 0) + t.painAboveBaseline);
}

const runEndMs = (run: Run): number => instantMs(run.startUtc) + 1000 * (run.elapsedS ?? run.timerS ?? 0);

/**
 * Which run a day's pain belongs to: the most recent run in its 0–48 h window. A "next morning" entry on day E
 * belongs to a run on E−1 or E−2 (felt before that day's run); any other to a run on E or E−1. An entry
 * written before a run ended cannot be that run's outcome. Back-to-back runs: the latest candidate wins.
 */
function attribute(value: DayValue, runsByDate: ReadonlyMap<string, readonly Run[]>): Run | null {
  const offsets = value.timing === "next_morning" ? [-1, -2] : [0, -1];
  for (const offset of offsets) {
    let best: Run | null = null;
    for (const run of runsByDate.get(addDays(value.date, offset)) ?? []) {
      if (value.loggedAtMs !== null && runEndMs(run) > value.loggedAtMs) continue;
      if (best === null || instantMs(run.startUtc) > instantMs(best.startUtc)) best = run;
    }
    if (best) return best;
  }
  return null;
}

/** The same attribution for a stored entry (kept for callers that place single entries). */
export function attributeEntry(
  entry: PainEntry,
  runsByDate: ReadonlyMap<string, readonly Run[]>,
): Run | null {
  return attribute(toValue(entry, 3), runsByDate);
}

function toValue(entry: PainEntry, recalledDays: number): DayValue {
  return {
    date: entry.date,
    severity: entry.severity,
    timing: entry.timing,
    loggedAtMs: entry.loggedAt ? instantMs(entry.loggedAt) : null,
    assumed: false,
    retrospective: false,
    recalled: isRecalled(entry, recalledDays),
  };
}

/**
 * Eligibility and outcome of every run, in the order given. `assumed` are the days a pain-days-only
 * declaration lets count as pain-free (pain-diary.ts); they are kept apart from logged zeros.
 */
export function painOutcomes(
  runs: readonly Run[],
  pain: readonly PainEntry[],
  overrides: Partial<Thresholds> = {},
  assumed: readonly AssumedDay[] = [],
): RunPainOutcome[] {
  const t = withDefaults(overrides);
  const runsByDate = new Map<string, Run[]>();
  for (const run of runs) {
    const onDate = runsByDate.get(run.localDate);
    if (onDate) onDate.push(run);
    else runsByDate.set(run.localDate, [run]);
  }
  const values: DayValue[] = pain.map((e) => toValue(e, t.recalledAfterDays));
  for (const day of assumed) {
    values.push({
      date: day.date,
      severity: 0,
      timing: null,
      loggedAtMs: null,
      assumed: true,
      retrospective: day.retrospective,
      recalled: false,
    });
  }
  const dailyWorst = new Map<string, number>();
  const byDate = new Map<string, DayValue[]>();
  for (const v of values) {
    dailyWorst.set(v.date, Math.max(dailyWorst.get(v.date) ?? 0, v.severity));
    const list = byDate.get(v.date);
    if (list) list.push(v);
    else byDate.set(v.date, [v]);
  }
  const belonging = new Map<number, DayValue[]>();
  for (const v of values) {
    const run = attribute(v, runsByDate);
    if (!run) continue;
    const list = belonging.get(run.id);
    if (list) list.push(v);
    else belonging.set(run.id, [v]);
  }
  const dates = new Map<number, string>();
  const dateText = (day: number): string => {
    let text = dates.get(day);
    if (text === undefined) dates.set(day, (text = dateOfDay(day)));
    return text;
  };
  return runs.map((run) => {
    const day = dayNumber(run.localDate);
    const baseline = baselineBefore(day, dailyWorst, dateText);
    const pre = preRunSeverity(run, day, byDate, dailyWorst, dateText);
    const startedPainFree = pre === null || pre <= Math.max(t.maxPreRunPain, (baseline ?? 0) + 1);
    const reference = pre ?? 0;
    const entries = belonging.get(run.id) ?? [];
    const events = entries.filter((v) => isPainEvent(v.severity, reference, t));
    const deciding = (events.length > 0 ? events : entries).filter((v) => !v.assumed);
    const outcomeAssumed = entries.length > 0 && entries.every((v) => v.assumed);
    return {
      runId: run.id,
      localDate: run.localDate,
      preRunSeverity: pre,
      baseline,
      startedPainFree,
      covered: entries.length > 0,
      maxSeverity: entries.length > 0 ? Math.max(...entries.map((v) => v.severity)) : null,
      painEvent: events.length > 0,
      painDates: [...new Set(events.map((v) => v.date))].sort(),
      eligible: startedPainFree && entries.length > 0,
      outcomeAssumed,
      outcomeRetrospective: outcomeAssumed && entries.some((v) => v.retrospective),
      outcomeRecalled: deciding.length > 0 && deciding.every((v) => v.recalled),
    };
  });
}

/**
 * The runner's usual pain: the median daily worst over known days of the 7 before (`dateText(day − k)` is that
 * date). A median, so one flare does not become "usual"; and of a mostly kept week (≥ 5 known days, logged or
 * declared), because a log of pain days alone would make pain look usual and let runs that started in a flare
 * count. Design choice.
 */
function baselineBefore(
  day: number,
  dailyWorst: ReadonlyMap<string, number>,
  dateText: (day: number) => string,
): number | null {
  const known: number[] = [];
  for (let k = 1; k <= 7; k++) {
    const worst = dailyWorst.get(dateText(day - k));
    if (worst !== undefined) known.push(worst);
  }
  if (known.length < 5) return null;
  known.sort((a, b) => a - b);
  const mid = known.length >> 1;
  return known.length % 2 === 1
    ? (known[mid] as number)
    : ((known[mid - 1] as number) + (known[mid] as number)) / 2;
}

/** That day's pain felt ("next morning") or written before the run started, else the day before's, else 2 days before. */
function preRunSeverity(
  run: Run,
  day: number,
  byDate: ReadonlyMap<string, readonly DayValue[]>,
  dailyWorst: ReadonlyMap<string, number>,
  dateText: (day: number) => string,
): number | null {
  const start = instantMs(run.startUtc);
  let before: number | null = null;
  for (const v of byDate.get(run.localDate) ?? []) {
    const earlier = v.timing === "next_morning" || (v.loggedAtMs !== null && v.loggedAtMs <= start);
    if (earlier && !v.assumed) before = Math.max(before ?? 0, v.severity);
  }
  if (before !== null) return before;
  return dailyWorst.get(dateText(day - 1)) ?? dailyWorst.get(dateText(day - 2)) ?? null;
}
