import { bestEfforts, personalRecords, type PersonalRecord } from "../core/records.ts";
import type { ActivitiesRepo, ActivitySummary } from "../db/activities-repo.ts";
import { createEffortsRepo } from "../db/efforts-repo.ts";
import type { Db } from "../db/open.ts";
import { loadSamples } from "./load-activity.ts";

/**
 * Personal records over the given runs. Each run's efforts are computed once from its original and kept
 * (best_efforts), so the page reads one small table after the first visit.
 */
export function recordsFor(
  db: Db,
  activities: ActivitiesRepo,
  runs: readonly ActivitySummary[],
): PersonalRecord[] {
  const repo = createEffortsRepo(db);
  const cached = repo.all();
  const fresh: [number, ReturnType<typeof bestEfforts>][] = [];
  for (const run of runs) {
    if (cached.has(run.id)) continue;
    const samples = loadSamples(activities, run);
    const efforts = samples.count > 0 ? bestEfforts(samples.distanceM, samples.timeS) : [];
    fresh.push([run.id, efforts]);
    cached.set(run.id, efforts);
  }
  if (fresh.length > 0) repo.putMany(fresh);
  return personalRecords(
    runs.map((r) => ({
      runId: r.id,
      localDate: r.localDate,
      distanceM: r.distanceM ?? 0,
      efforts: cached.get(r.id) ?? [],
    })),
  );
}

/**
 * Fills the best-efforts cache a few runs at a time, yielding between batches so pages keep answering: the
 * first visit to the records page then reads the cache instead of parsing every original (3.5 s at ten years).
 */
export async function warmRecords(
  db: Db,
  activities: ActivitiesRepo,
  runs: () => readonly ActivitySummary[],
  batch = 25,
): Promise<void> {
  const repo = createEffortsRepo(db);
  const done = repo.all();
  const todo = runs().filter((r) => !done.has(r.id));
  for (let i = 0; i < todo.length; i += batch) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!db.sqlite.open) return;
    recordsFor(db, activities, todo.slice(i, i + batch));
  }
}
