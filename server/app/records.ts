import { personalRecords, type BestEffort, type PersonalRecord } from "../core/records.ts";
import type { ActivitiesRepo, ActivitySummary } from "../db/activities-repo.ts";
import { createEffortsRepo } from "../db/efforts-repo.ts";
import type { Db } from "../db/open.ts";
import { toCoreRun } from "./analysis/runs-source.ts";
import { workOnStoredRun } from "./stored-run/off-thread.ts";

/** Work done between two yields to waiting requests: small originals are still parsed on this thread. */
const SLICE_MS = 15;

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
  let fresh: [number, BestEffort[]][] = [];
  let sliceStart = performance.now();
  for (const run of runs) {
    if (cached.has(run.id)) continue;
    // toCoreRun keeps the stored sample count and date shift the original is matched by.
    const efforts = await workOnStoredRun(activities, toCoreRun(run), { kind: "efforts" });
    if (!db.sqlite.open) return cached;
    fresh.push([run.id, efforts]);
    cached.set(run.id, efforts);
    if (performance.now() - sliceStart > SLICE_MS) {
      repo.putMany(fresh);
      fresh = [];
      await new Promise((resolve) => setImmediate(resolve));
      if (!db.sqlite.open) return cached;
      sliceStart = performance.now();
    }
  }
  if (fresh.length > 0) repo.putMany(fresh);
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
  const efforts = await effortsOf(db, activities, runs);
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
