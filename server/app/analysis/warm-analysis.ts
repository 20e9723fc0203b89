import type { Run } from "../../core/types.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { createAnalysisRepo } from "../../db/analysis-repo.ts";
import type { Db } from "../../db/open.ts";
import { workOnStoredRun } from "../stored-run/off-thread.ts";
import { withReference } from "../stored-run/work.ts";
import { type CachedRun, fittedKey, modelWindow, planAnalysis, saveResults } from "./run-cache.ts";
import type { AnalysisReport } from "../import/types.ts";
import { analysedSummaries, toCoreRun } from "./runs-source.ts";

/** Work done between two yields to waiting requests: small originals are still parsed on this thread. */
const SLICE_MS = 15;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Does ahead of the dashboard's first read what its synchronous snapshot would otherwise do on the event loop:
 * the cadence model's refit (after a restart with a new analysis version, a `reanalyse`, runs changed by another
 * process) and the per-run results it invalidates, with every large run parsed and analysed on a worker and a yield
 * every few milliseconds. The runs are the snapshot's (`today` decides which count), so it then finds its fit
 * and every result cached. An upload's analysis is this too (see http/app.ts).
 */
export async function warmAnalysis(db: Db, today: string): Promise<AnalysisReport> {
  const activities = createActivitiesRepo(db);
  const cache = createAnalysisRepo(db);
  const runs = analysedSummaries(activities, today).map(toCoreRun);
  let sliceStart = performance.now();
  const yieldWhenDue = async (): Promise<boolean> => {
    if (performance.now() - sliceStart <= SLICE_MS) return db.sqlite.open;
    await nextTurn();
    sliceStart = performance.now();
    return db.sqlite.open;
  };
  // The fit reads only each run's reference bins: worked out per run, no run's samples are held for it.
  const preloaded = new Map<number, Run>();
  const window = modelWindow(runs);
  if (cache.state("fitted")?.key !== fittedKey(window)) {
    for (const run of window) {
      preloaded.set(
        run.id,
        withReference(run, await workOnStoredRun(activities, run, { kind: "reference" })),
      );
      if (!(await yieldWhenDue())) return { runs: runs.length, analysed: 0 };
    }
  }
  const plan = planAnalysis(db, activities, cache, runs, null, preloaded);
  preloaded.clear();
  const done = cache.analysed(plan.key);
  let fresh: [number, CachedRun][] = [];
  let analysed = 0;
  const task = { kind: "result", basis: plan.basis } as const;
  for (const run of runs) {
    if (done.has(run.id)) continue;
    fresh.push([run.id, await workOnStoredRun(activities, run, task)]);
    analysed++;
    if (!db.sqlite.open) return { runs: runs.length, analysed };
    if (performance.now() - sliceStart > SLICE_MS) {
      saveResults(db, cache, plan.key, fresh);
      fresh = [];
      if (!(await yieldWhenDue())) return { runs: runs.length, analysed };
    }
  }
  saveResults(db, cache, plan.key, fresh);
  return { runs: runs.length, analysed };
}
