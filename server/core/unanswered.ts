import { addDays, daysBetween } from "./dates.ts";

// Runs still waiting for a hip answer: the pain log has nothing on the run's day or the day after, so the analysis
// cannot tell whether pain followed it.

export interface RunDay {
  runId: number;
  localDate: string;
}

/** How far back the list reaches: older runs are better left than recalled weeks late. */
export const UNANSWERED_WINDOW_DAYS = 14;

/** Recent runs (newest first) with no pain entry on their day or the day after; dates after `today` are ignored. */
export function unansweredRuns(
  runs: readonly RunDay[],
  painDates: ReadonlySet<string>,
  today: string,
  windowDays = UNANSWERED_WINDOW_DAYS,
): RunDay[] {
  const out = runs.filter((r) => {
    const age = daysBetween(r.localDate, today);
    if (age < 0 || age >= windowDays) return false;
    return !painDates.has(r.localDate) && !painDates.has(addDays(r.localDate, 1));
  });
  return out.sort((a, b) =>
    a.localDate < b.localDate ? 1 : a.localDate > b.localDate ? -1 : b.runId - a.runId,
  );
}
