import { Router } from "express";
import { analysedSummaries } from "../../app/analysis/runs-source.ts";
import type { AnalysisService } from "../../app/analysis/service.ts";
import { recordsOver, warmRecords } from "../../app/records.ts";
import type { ActivitiesRepo, ActivitySummary } from "../../db/activities-repo.ts";
import { createEffortsRepo } from "../../db/efforts-repo.ts";
import type { Db } from "../../db/open.ts";
import type { RecordsSoFar } from "../../api/index.ts";

/** The one background fill of the best-efforts cache per database, while it runs. */
const fills = new WeakMap<Db, Promise<void>>();

/**
 * Starts filling the best-efforts cache in the background, or joins the fill already running: a visit and the
 * start-up warm-up never read the same originals twice side by side.
 */
export function fillRecords(db: Db, activities: ActivitiesRepo): Promise<void> {
  const running = fills.get(db);
  if (running) return running;
  const runs = (): ActivitySummary[] => activities.list({ runsOnly: true, limit: -1 });
  const fill = warmRecords(db, activities, runs).finally(() => fills.delete(db));
  fills.set(db, fill);
  return fill;
}

export interface RecordsRouteDeps {
  db: Db;
  activities: ActivitiesRepo;
  analysis: AnalysisService;
}

/**
 * `GET /api/records/so-far`: records from the cache only, never parsing on the request path (a cold cache at ten
 * years is 2,080 originals, ~3 s of CPU); runs not yet read start the background fill and are counted as pending.
 */
export function recordsRoutes(deps: RecordsRouteDeps): Router {
  const router = Router();
  const efforts = createEffortsRepo(deps.db);
  router.get("/records/so-far", (_req, res) => {
    // The runs that count, oldest first (the earliest of equal efforts wins), from the table: no analysis is
    // needed, so a visit to a fresh server does not wait for the whole history's analysis first.
    const today = deps.analysis.today();
    const runs = analysedSummaries(deps.activities, today);
    const cached = efforts.all();
    const pendingRuns = runs.filter((r) => !cached.has(r.id)).length;
    if (pendingRuns > 0) fillRecords(deps.db, deps.activities).catch(() => undefined);
    const body: RecordsSoFar = { records: recordsOver(runs, cached), pendingRuns };
    res.json(body);
  });
  return router;
}
