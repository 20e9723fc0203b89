import type { ActivitiesRepo } from "../../db/activities-repo.ts";

/**
 * The runner's local date at `now`: their UTC offset is taken from their latest run (the watch knows
 * where they are better than the server does), else the server's own zone.
 */
export function runnerToday(now: Date, latestOffsetS: number | null): string {
  const offsetS = latestOffsetS ?? -now.getTimezoneOffset() * 60;
  return new Date(now.getTime() + offsetS * 1000).toISOString().slice(0, 10);
}

/** The runner's local date at `now`, by the UTC offset of their latest stored run. */
export function runnerTodayOf(activities: ActivitiesRepo, now: Date): string {
  const latest = activities.list({ runsOnly: true, limit: 1 })[0];
  return runnerToday(now, latest?.utcOffsetS ?? null);
}
