import { isDateSuspect, isTooShort } from "../../core/plausible.ts";
import type { ActivitySummary } from "../../db/activities-repo.ts";

type Checked = Pick<ActivitySummary, "localDate" | "timerS" | "elapsedS" | "distanceM" | "dateConfirmed">;

/** A date the runner has not confirmed that is before 2000 or after tomorrow. */
export function dateSuspect(a: Pick<ActivitySummary, "localDate" | "dateConfirmed">, today: string): boolean {
  return !a.dateConfirmed && isDateSuspect(a.localDate, today);
}

/**
 * Whether a stored run enters the analysis: a mistaken 14-second recording is not a run, and a run with an
 * implausible date would stretch every time axis (1990 to now) until the runner fixes or confirms it.
 */
export function countsInAnalysis(a: Checked, today: string): boolean {
  return !isTooShort(a) && !dateSuspect(a, today);
}
