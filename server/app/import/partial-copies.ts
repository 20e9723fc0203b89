import type { StorableActivity, StorableParse } from "../../db/activity-rows.ts";
import type { ActivitiesRepo, InsertMarks } from "../../db/activities-repo.ts";

/** The parser kept everything up to a cut: the file is a partial copy of its run. */
export function isPartialParse(parsed: StorableParse): boolean {
  return parsed.ok && parsed.warnings.some((w) => w.code === "truncated-file");
}

/**
 * Whether a new copy of a stored run should take its place: only a partial stored copy gives way, and only
 * to one that holds more of the run (more samples, or the whole file).
 */
export function replacesStored(
  activities: ActivitiesRepo,
  storedId: number,
  incoming: StorableActivity,
  incomingPartial: boolean,
): boolean {
  const stored = activities.get(storedId);
  if (!stored?.partial) return false;
  if (!incomingPartial) return true;
  return incoming.sampleCount > stored.sampleCount;
}

/** Deletes the partial copy (its original goes with its last run) and returns what the runner added to it. */
export function takeOver(activities: ActivitiesRepo, storedId: number): InsertMarks["carried"] {
  const stored = activities.get(storedId);
  activities.delete(storedId);
  return stored ? { name: stored.name, notes: stored.notes, shoeId: stored.shoeId } : undefined;
}
