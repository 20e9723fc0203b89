import { addDays, dateOfDay, dayNumber, instantMs } from "./dates.ts";
import type { PainEntry } from "./pain.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

/** How the pain log reads around one run (science.md §5). */
export interface RunPainOutcome {
  runId: number;
  localDate: string;
  /** Worst pain known before the run: that morning's "next morning" entry, else the day before's, else 2 days before. */
  preRunSeverity: number | null;
  /** Mean of the daily worst pain over logged days in the 7 days before the run (null: nothing logged). */
  baseline: number | null;
  startedPainFree: boolean;
  /** Some entry (pain or pain-free) belongs to this run's 0–48 h window. */
  covered: boolean;
  /** Worst pain belonging to the run's window (null when not covered). */
  maxSeverity: number | null;
  painEvent: boolean;
  /** Dates of the entries that made it a pain event. */
  painDates: string[];
  /** Started pain-free and covered by the log: counts in the correlation. */
  eligible: boolean;
}

/** Pain ≥ 3/10, or ≥ 2 above the runner's 7-day baseline. */
export function isPainEvent(severity: number, baseline: number | null, t: Thresholds): boolean {
  if (severity <= 0) return false;
  return severity >= t.painEventSeverity || (baseline !== null && severity >= baseline + t.painAboveBaseline);
}

/**
 * Which run an entry belongs to: the most recent run in its 0–48 h window. Entries only carry a date,
 * so the window is in local dates: a "next morning" entry on day E belongs to a run on E−2 or E−1
 * (it was felt before that day's run); any other entry belongs to a run on E−1 or E (after that day's
 * run). Back-to-back runs: the latest candidate wins.
 */
export function attributeEntry(
  entry: PainEntry,
  runsByDate: ReadonlyMap<string, readonly Run[]>,
): Run | null {
  const offsets = entry.timing === "next_morning" ? [-1, -2] : [0, -1];
  for (const offset of offsets) {
    const candidates = runsByDate.get(addDays(entry.date, offset));
    if (candidates && candidates.length > 0) {
      return candidates.reduce((a, b) => (instantMs(b.startUtc) > instantMs(a.startUtc) ? b : a));
    }
  }
  return null;
}

/** Eligibility and outcome of every run, in the order given. */
export function painOutcomes(
  runs: readonly Run[],
  pain: readonly PainEntry[],
  overrides: Partial<Thresholds> = {},
): RunPainOutcome[] {
  const t = withDefaults(overrides);
  const runsByDate = new Map<string, Run[]>();
  for (const run of runs) {
    const onDate = runsByDate.get(run.localDate);
    if (onDate) onDate.push(run);
    else runsByDate.set(run.localDate, [run]);
  }
  const dailyWorst = new Map<string, number>();
  for (const entry of pain)
    dailyWorst.set(entry.date, Math.max(dailyWorst.get(entry.date) ?? 0, entry.severity));
  // The worst "next morning" entry per date, in log order (Math.max is order-free, NaN and ±0 included).
  const morningWorst = new Map<string, number>();
  for (const entry of pain) {
    if (entry.timing !== "next_morning") continue;
    const worst = morningWorst.get(entry.date);
    morningWorst.set(entry.date, worst === undefined ? entry.severity : Math.max(worst, entry.severity));
  }
  const belonging = new Map<number, PainEntry[]>();
  for (const entry of pain) {
    const run = attributeEntry(entry, runsByDate);
    const entries = run ? belonging.get(run.id) : undefined;
    if (entries) entries.push(entry);
    else if (run) belonging.set(run.id, [entry]);
  }
  // Each run reads the 7 days before it: a day's date is written once, not once per run that reads it.
  const dates = new Map<number, string>();
  const dateText = (day: number): string => {
    let text = dates.get(day);
    if (text === undefined) dates.set(day, (text = dateOfDay(day)));
    return text;
  };
  return runs.map((run) => {
    const day = dayNumber(run.localDate);
    const baseline = baselineBefore(day, dailyWorst, dateText);
    const pre = preRunSeverity(run, day, morningWorst, dailyWorst, dateText);
    const startedPainFree = pre === null || !isPainEvent(pre, baseline, t);
    const entries = belonging.get(run.id) ?? [];
    const maxSeverity = entries.length > 0 ? Math.max(...entries.map((e) => e.severity)) : null;
    const eventEntries = entries.filter((e) => isPainEvent(e.severity, baseline, t));
    return {
      runId: run.id,
      localDate: run.localDate,
      preRunSeverity: pre,
      baseline,
      startedPainFree,
      covered: entries.length > 0,
      maxSeverity,
      painEvent: eventEntries.length > 0,
      painDates:
        eventEntries.length < 2
          ? eventEntries.map((e) => e.date)
          : [...new Set(eventEntries.map((e) => e.date))].sort(),
      eligible: startedPainFree && entries.length > 0,
    };
  });
}

/** `dateText(day)` is dateOfDay(day), so dateText(day − k) is addDays(date, −k) for day = dayNumber(date). */
function baselineBefore(
  day: number,
  dailyWorst: ReadonlyMap<string, number>,
  dateText: (day: number) => string,
): number | null {
  let sum = 0;
  let n = 0;
  for (let k = 1; k <= 7; k++) {
    const worst = dailyWorst.get(dateText(day - k));
    if (worst !== undefined) {
      sum += worst;
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}

function preRunSeverity(
  run: Run,
  day: number,
  morningWorst: ReadonlyMap<string, number>,
  dailyWorst: ReadonlyMap<string, number>,
  dateText: (day: number) => string,
): number | null {
  const morning = morningWorst.get(run.localDate);
  if (morning !== undefined) return morning;
  return dailyWorst.get(dateText(day - 1)) ?? dailyWorst.get(dateText(day - 2)) ?? null;
}
