import { addDays, dayNumber } from "./dates.ts";

// How the runner keeps the diary (science.md §5 "Two diaries"). Pure: the storage layer keeps the JSON.

export const DIARY_MODES = ["every_day", "pain_days"] as const;
export type DiaryMode = (typeof DIARY_MODES)[number];

/** A stretch of days the runner declared "every day my hip hurt (≥ 3/10) is logged". */
export interface DiaryPeriod {
  since: string;
  /** Last day covered (inclusive); null while the declaration is open. */
  until: string | null;
  /** The runner's local date when they declared it: days before it were declared afterwards. */
  declaredOn: string;
}

/** Every declaration ever made, plus the weekly "no other pain this week" taps. */
export interface PainDiary {
  mode: DiaryMode;
  /** Start of the open declaration (null in every_day mode). */
  since: string | null;
  periods: DiaryPeriod[];
  /** Dates the runner confirmed "no other pain" (keeps the assumption alive without a pain entry). */
  confirmations: string[];
}

export const DEFAULT_PAIN_DIARY: PainDiary = {
  mode: "every_day",
  since: null,
  periods: [],
  confirmations: [],
};

/**
 * After this many days without the runner touching the diary (an entry written, a confirmation, the
 * declaration itself), unlogged days are no longer assumed pain-free: a runner who stopped opening the app
 * has not told us those days were pain-free. Design choice: two weeks is as far back as a diary is usually
 * filled in from memory, so a touch vouches for the 14 days before it.
 */
export const SILENCE_DAYS = 14;

/**
 * The diary after the runner declares a mode from `since` (default today). Switching to every_day ends the open
 * declaration yesterday; a new pain_days declaration replaces whatever an earlier one said about days from `since`.
 */
export function declareDiary(
  diary: PainDiary,
  next: { mode: DiaryMode; since: string | null },
  today: string,
): PainDiary {
  const closed = diary.periods.map((p) => (p.until === null ? { ...p, until: addDays(today, -1) } : p));
  if (next.mode === "every_day") {
    const kept = closed.filter((p) => (p.until as string) >= p.since);
    return { ...diary, mode: "every_day", since: null, periods: kept };
  }
  const since = next.since ?? today;
  const open = diary.periods.find((p) => p.until === null);
  // Same declaration again (a settings page re-saving): nothing changes, the declaration date included.
  if (open && open.since === since) return { ...diary, mode: "pain_days", since };
  const kept = closed
    .filter((p) => p.since < since)
    .map((p) => ((p.until as string) >= since ? { ...p, until: addDays(since, -1) } : p))
    .filter((p) => (p.until as string) >= p.since);
  return {
    ...diary,
    mode: "pain_days",
    since,
    periods: [...kept, { since, until: null, declaredOn: today }],
  };
}

/** The diary with a "no other pain this week" confirmation on `today` (the last 200 kept). */
export function confirmDiary(diary: PainDiary, today: string): PainDiary {
  const confirmations = [...new Set([...diary.confirmations, today])].sort().slice(-200);
  return { ...diary, confirmations };
}

/** One unlogged day the declaration lets us count as pain-free. */
export interface AssumedDay {
  date: string;
  /** The day lies before the declaration was made. */
  retrospective: boolean;
}

/**
 * Unlogged days in declared periods, up to `today`, that count as pain-free: a day before its declaration date is
 * vouched for by the declaration; a later one needs a diary touch on that day or within SILENCE_DAYS after it.
 * `touches` are local dates (entries' write dates, confirmations).
 */
export function assumedPainFreeDays(
  diary: PainDiary,
  loggedDates: ReadonlySet<string>,
  touches: readonly string[],
  today: string,
): AssumedDay[] {
  const out: AssumedDay[] = [];
  const sortedTouches = [...new Set([...touches, ...diary.confirmations])].sort();
  for (const period of diary.periods) {
    const end = period.until === null || period.until > today ? today : period.until;
    const periodTouches = [...sortedTouches, period.declaredOn].sort();
    let t = 0;
    const last = dayNumber(end);
    for (
      let day = dayNumber(period.since), date = period.since;
      day <= last;
      day++, date = addDays(date, 1)
    ) {
      if (loggedDates.has(date)) continue;
      if (date <= period.declaredOn) {
        out.push({ date, retrospective: date < period.declaredOn });
        continue;
      }
      while (t < periodTouches.length && (periodTouches[t] as string) < date) t++;
      const touch = periodTouches[t];
      if (touch !== undefined && touch <= addDays(date, SILENCE_DAYS))
        out.push({ date, retrospective: false });
    }
  }
  return out;
}
