import { runnerToday } from "../../core/dates.ts";
import type { ActivitiesRepo } from "../../db/activities-repo.ts";

/** The runner's local date at `now`, by the UTC offset of their latest stored run (core/dates.ts runnerToday). */
export function runnerTodayOf(activities: ActivitiesRepo, now: Date): string {
  const latest = activities.list({ runsOnly: true, limit: 1 })[0];
  return runnerToday(now, latest?.utcOffsetS ?? null);
}
