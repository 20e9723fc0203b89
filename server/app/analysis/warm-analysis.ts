import type { Run } from "../../core/types.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { createAnalysisRepo } from "../../db/analysis-repo.ts";
import type { Db } from "../../db/open.ts";
import { workOnStoredRun } from "../stored-run/off-thread.ts";
import { withReference } from "../stored-run/work.ts";
import { fittedKey, modelWindow, planAnalysis, saveResults } from "./run-cache.ts";
import { workInSlices } from "../work-in-slices.ts";
import type { AnalysisReport } from "../import/types.ts";
import { analysedSummaries, toCoreRun } from "./runs-source.ts";

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
  // The fit reads only each run's reference bins: worked out per run, no run's samples are held for it.
  const preloaded = new Map<number, Run>();
  const window = modelWindow(runs);
  if (cache.state("fitted")?.key !== fittedKey(window)) {
    const read = await workInSlices(
      db,
      window,
      (run) => workOnStoredRun(activities, run, { kind: "reference" }),
      (done) => done.forEach(([run, reference]) => preloaded.set(run.id, withReference(run, reference))),
    );
    if (!read) return { runs: runs.length, analysed: 0 };
  }
  const plan = planAnalysis(db, activities, cache, runs, null, preloaded);
  preloaded.clear();
  const done = cache.analysed(plan.key);
  let analysed = 0;
  await workInSlices(
    db,
    runs.filter((run) => !done.has(run.id)),
    (run) => workOnStoredRun(activities, run, { kind: "result", basis: plan.basis, run }),
    (results) => {
      saveResults(
        db,
        cache,
        plan.key,
        results.map(([run, result]) => [run.id, result]),
      );
      analysed += results.length;
    },
  );
  return { runs: runs.length, analysed };
}
