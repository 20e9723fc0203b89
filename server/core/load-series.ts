import { addDays, dateOfDay, dayNumber, weekStart } from "./dates.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

/** Distance on one local date. */
export interface DailyLoad {
  date: string;
  distanceM: number;
  runs: number;
}

/** Distance in one Monday-to-Sunday local week. */
export interface WeeklyLoad {
  weekStart: string;
  distanceM: number;
  runs: number;
  longestRunM: number;
  /** vs the week before, as a fraction (null when that week was empty). */
  changeVsPrevious: number | null;
  /** This week / mean of the 3 weeks before (uncoupled acute:chronic; descriptive only). */
  acuteChronicRatio: number | null;
}

/** Rolling 7-day distance ending `date` vs the 7 days before it. */
export interface RollingChange {
  date: string;
  last7M: number;
  previous7M: number;
  /** (last7 − previous7) / previous7, null when the previous 7 days were empty. */
  change: number | null;
  /** change > 30% (Nielsen 2014). */
  noted: boolean;
}

/** Acute:chronic per day, descriptive only: never a risk colour (science.md §3). */
export interface AcuteChronic {
  date: string;
  acute7M: number;
  /** Mean 7-day distance of the 21 days before the acute week. */
  chronicWeeklyM: number;
  uncoupledRatio: number | null;
  /** EWMA of daily distance, λ = 0.25 (7 d) and λ = 0.069 (28 d), metres per day. */
  ewmaAcuteM: number;
  ewmaChronicM: number;
  ewmaRatio: number | null;
}

/** Distance per local date, every day from `from` (default: the first run) through `to`. */
export function dailyDistance(runs: readonly Run[], to: string, from?: string): DailyLoad[] {
  const first =
    from ??
    runs.reduce<string | null>((min, r) => (min === null || r.localDate < min ? r.localDate : min), null);
  if (first === null) return [];
  const start = dayNumber(first);
  const end = dayNumber(to);
  const days: DailyLoad[] = [];
  for (let d = start; d <= end; d++) days.push({ date: dateOfDay(d), distanceM: 0, runs: 0 });
  for (const run of runs) {
    const day = days[dayNumber(run.localDate) - start];
    if (!day) continue;
    day.distanceM += run.distanceM;
    day.runs++;
  }
  return days;
}

/**
 * Weekly totals (weeks start on Monday, local dates) from the first run's week through `today`'s. `days` is
 * dailyDistance(runs, today), when the caller has it already (it is only read).
 */
export function weeklyDistance(
  runs: readonly Run[],
  today: string,
  days: readonly DailyLoad[] = dailyDistance(runs, today),
): WeeklyLoad[] {
  const weeks: WeeklyLoad[] = [];
  for (const day of days) {
    const start = weekStart(day.date);
    let week = weeks[weeks.length - 1];
    if (!week || week.weekStart !== start) {
      week = {
        weekStart: start,
        distanceM: 0,
        runs: 0,
        longestRunM: 0,
        changeVsPrevious: null,
        acuteChronicRatio: null,
      };
      weeks.push(week);
    }
    week.distanceM += day.distanceM;
    week.runs += day.runs;
  }
  // Days are consecutive, so each week start appears once.
  const byStart = new Map(weeks.map((w) => [w.weekStart, w]));
  for (const run of runs) {
    const week = byStart.get(weekStart(run.localDate));
    if (week) week.longestRunM = Math.max(week.longestRunM, run.distanceM);
  }
  weeks.forEach((week, i) => {
    const previous = weeks[i - 1];
    week.changeVsPrevious =
      previous && previous.distanceM > 0 ? week.distanceM / previous.distanceM - 1 : null;
    if (i >= 3) {
      const chronic =
        ((weeks[i - 1]?.distanceM ?? 0) + (weeks[i - 2]?.distanceM ?? 0) + (weeks[i - 3]?.distanceM ?? 0)) /
        3;
      week.acuteChronicRatio = chronic > 0 ? week.distanceM / chronic : null;
    }
  });
  return weeks;
}

/** The rolling 7-day change for every day through `today` (> 30% noted); `days` as for weeklyDistance. */
export function rollingWeeklyChange(
  runs: readonly Run[],
  today: string,
  overrides: Partial<Thresholds> = {},
  days: readonly DailyLoad[] = dailyDistance(runs, today),
): RollingChange[] {
  const t = withDefaults(overrides);
  const prefix = cumulative(days);
  return days.map((day, i) => {
    const last7 = windowSum(prefix, i - 6, i);
    const previous7 = windowSum(prefix, i - 13, i - 7);
    const change = previous7 > 0 ? last7 / previous7 - 1 : null;
    return {
      date: day.date,
      last7M: last7,
      previous7M: previous7,
      change,
      noted: change !== null && change > t.weeklyChangeNoted,
    };
  });
}

/** Uncoupled and EWMA acute:chronic for every day through `today`; `days` as for weeklyDistance. */
export function acuteChronic(
  runs: readonly Run[],
  today: string,
  days: readonly DailyLoad[] = dailyDistance(runs, today),
): AcuteChronic[] {
  const prefix = cumulative(days);
  const lambdaAcute = 2 / (7 + 1);
  const lambdaChronic = 2 / (28 + 1);
  let ewmaA = 0;
  let ewmaC = 0;
  return days.map((day, i) => {
    ewmaA = lambdaAcute * day.distanceM + (1 - lambdaAcute) * ewmaA;
    ewmaC = lambdaChronic * day.distanceM + (1 - lambdaChronic) * ewmaC;
    const acute = windowSum(prefix, i - 6, i);
    const chronic = windowSum(prefix, i - 27, i - 7) / 3;
    return {
      date: day.date,
      acute7M: acute,
      chronicWeeklyM: chronic,
      uncoupledRatio: chronic > 0 ? acute / chronic : null,
      ewmaAcuteM: ewmaA,
      ewmaChronicM: ewmaC,
      ewmaRatio: ewmaC > 0 ? ewmaA / ewmaC : null,
    };
  });
}

/** The rolling change as of one date (zeros before the history starts). */
export function weeklyChangeOn(
  runs: readonly Run[],
  date: string,
  overrides: Partial<Thresholds> = {},
): RollingChange {
  const from = addDays(date, -13);
  const t = withDefaults(overrides);
  const days = dailyDistance(runs, date, from);
  const last7 = days.slice(7).reduce((s, d) => s + d.distanceM, 0);
  const previous7 = days.slice(0, 7).reduce((s, d) => s + d.distanceM, 0);
  const change = previous7 > 0 ? last7 / previous7 - 1 : null;
  return {
    date,
    last7M: last7,
    previous7M: previous7,
    change,
    noted: change !== null && change > t.weeklyChangeNoted,
  };
}

function cumulative(days: readonly DailyLoad[]): number[] {
  const prefix = [0];
  for (const day of days) prefix.push((prefix[prefix.length - 1] as number) + day.distanceM);
  return prefix;
}

/** Sum of days[from..to] inclusive, days before the start counting as 0. */
function windowSum(prefix: readonly number[], from: number, to: number): number {
  if (to < 0) return 0;
  return (prefix[to + 1] as number) - (prefix[Math.max(0, from)] as number);
}
