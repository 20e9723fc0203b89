import { addDays } from "./dates.ts";

/** Earliest date taken at face value: GPS running watches with FIT files came later; a 1990 date is a clock never set. */
export const EARLIEST_PLAUSIBLE_DATE = "2000-01-01";

/** A run dated before 2000 or after tomorrow (time zones put a real run at most a day ahead). */
export function isDateSuspect(localDate: string, today: string): boolean {
  return localDate < EARLIEST_PLAUSIBLE_DATE || localDate > addDays(today, 1);
}

/** Below these a recording is a watch started by mistake (a 14-second "0.0 km"), not a run. */
export const MIN_RUN_DURATION_S = 60;
export const MIN_RUN_DISTANCE_M = 100;

/** A recording too short to count as a run: under a minute, or under 100 m when it has a distance. */
export function isTooShort(a: {
  timerS: number | null;
  elapsedS: number | null;
  distanceM: number | null;
}): boolean {
  const durationS = a.timerS ?? a.elapsedS;
  if (durationS !== null && durationS < MIN_RUN_DURATION_S) return true;
  return a.distanceM !== null && a.distanceM < MIN_RUN_DISTANCE_M;
}

/** Why a short recording is hidden, in the runner's words. */
export const TOO_SHORT_EXPLANATION =
  "Recordings under a minute or under 100 m (a watch started by mistake) are kept but not counted as runs.";

/** A date the runner has not confirmed that is before 2000 or after tomorrow. */
export function dateSuspect(a: { localDate: string; dateConfirmed: boolean }, today: string): boolean {
  return !a.dateConfirmed && isDateSuspect(a.localDate, today);
}

/**
 * Whether a stored run enters the analysis: a mistaken 14-second recording is not a run, and a run with an
 * implausible date would stretch every time axis (1990 to now) until the runner fixes or confirms it.
 */
export function countsInAnalysis(
  a: Parameters<typeof isTooShort>[0] & Parameters<typeof dateSuspect>[0],
  today: string,
): boolean {
  return !isTooShort(a) && !dateSuspect(a, today);
}
