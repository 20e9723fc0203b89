import { runnerToday } from "../../core/dates.ts";
import type { ActivitiesRepo } from "../../db/activities-repo.ts";
import { serverZoneOffsetS } from "../../db/activity-rows.ts";

/** The runner's UTC offset (s): their latest stored run's, else the server's own zone's at `now`. */
export function runnerOffsetOf(activities: ActivitiesRepo, now: Date): number {
  const latest = activities.list({ runsOnly: true, limit: 1 })[0];
  return latest?.utcOffsetS ?? serverZoneOffsetS(now.getTime());
}

/** The runner's local date at `now`, in the offset runnerOffsetOf gives (core/dates.ts runnerToday). */
export function runnerTodayOf(activities: ActivitiesRepo, now: Date): string {
  return runnerToday(now, runnerOffsetOf(activities, now));
}
