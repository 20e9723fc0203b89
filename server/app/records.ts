import { personalRecords, type BestEffort, type PersonalRecord } from "../core/records.ts";
import type { ActivitiesRepo, ActivitySummary } from "../db/activities-repo.ts";
import { createEffortsRepo } from "../db/efforts-repo.ts";
import type { Db } from "../db/open.ts";
import { workOnStoredRun } from "./stored-run/off-thread.ts";
import { workInSlices } from "./work-in-slices.ts";

/**
 * Every given run's best efforts: the cached ones, and the missing ones computed from their originals (a large
 * original parsed and measured on a worker, so a near-cap run does not hold the event loop) and kept.
 */
async function effortsOf(
  db: Db,
  activities: ActivitiesRepo,
  runs: readonly ActivitySummary[],
): Promise<Map<number, BestEffort[]>> {
  const repo = createEffortsRepo(db);
  const cached = repo.all();
  await workInSlices(
    db,
    runs.filter((run) => !cached.has(run.id)),
    // The summary carries the stored sample count and date shift the original is matched by.
    (run) => workOnStoredRun(activities, run, { kind: "efforts" }),
    (done) => {
      for (const [run, efforts] of done) cached.set(run.id, efforts);
      repo.putMany(done.map(([run, efforts]) => [run.id, efforts]));
    },
  );
  return cached;
}

/**
 * Personal records over the given runs. Each run's efforts are computed once from its original and kept
 * (best_efforts), so the page reads one small table after the first visit.
 */
export async function recordsFor(
  db: Db,
  activities: ActivitiesRepo,
  runs: readonly ActivitySummary[],
): Promise<PersonalRecord[]> {
  return recordsOver(runs, await effortsOf(db, activities, runs));
}

/** Personal records over the given runs, from each run's efforts (none for a run not measured yet). */
export function recordsOver(
  runs: readonly ActivitySummary[],
  efforts: ReadonlyMap<number, BestEffort[]>,
): PersonalRecord[] {
  return personalRecords(
    runs.map((r) => ({
      runId: r.id,
      localDate: r.localDate,
      distanceM: r.distanceM ?? 0,
      efforts: efforts.get(r.id) ?? [],
    })),
  );
}

/**
 * Fills the best-efforts cache in the background, yielding to requests every few milliseconds: the first visit
 * to the records page then reads the cache instead of parsing every original (3.5 s at ten years).
 */
export async function warmRecords(
  db: Db,
  activities: ActivitiesRepo,
  runs: () => readonly ActivitySummary[],
): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (db.sqlite.open) await effortsOf(db, activities, runs());
}
