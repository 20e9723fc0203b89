import type { Express } from "express";
import type { AnalysisService } from "../app/analysis/service.ts";
import type { ImportReport } from "../app/import/types.ts";
import type { ActivitiesRepo } from "../db/activities-repo.ts";
import { createDemoRepo } from "../db/demo-repo.ts";
import type { FilesRepo } from "../db/files-repo.ts";
import { createMapSettingsRepo } from "../db/map-settings-repo.ts";
import type { Db } from "../db/open.ts";
import type { PainRepo } from "../db/pain-repo.ts";
import { createRunEditsRepo } from "../db/run-edits-repo.ts";
import { createShoesRepo } from "../db/shoes-repo.ts";
import { requireJson } from "./params.ts";
import { dataRoutes } from "./routes/data.ts";
import { historyRoutes } from "./routes/history.ts";
import { mapRoutes } from "./routes/map.ts";
import { runExtrasRoutes } from "./routes/run-extras.ts";
import { runDateRoutes } from "./routes/run-date.ts";
import { shoesRoutes } from "./routes/shoes.ts";
import { tileCsp } from "./tile-csp.ts";
import { disconnectIntervals } from "../app/sync/intervals-connect.ts";
import { fillRecords, recordsRoutes } from "./routes/records.ts";

export interface RunnerFeatureDeps {
  db: Db;
  dataDir: string;
  activities: ActivitiesRepo;
  files: FilesRepo;
  pain: PainRepo;
  analysis: AnalysisService;
  now: () => Date;
  onChange: () => void;
  loadDemo?: () => Promise<ImportReport>;
}

/** Fills the personal-records cache in the background after `delayMs` (start-up, an import). */
export function scheduleRecordsWarm(db: Db, activities: ActivitiesRepo, delayMs: number): void {
  setTimeout(() => {
    fillRecords(db, activities).catch(() => undefined);
  }, delayMs).unref();
}

/**
 * What runners expect beside the analysis: run edits, originals, routes, shoes, records, the calendar, the
 * demo kept apart and "delete all data". Mounted before the /api catch-all.
 */
export function mountRunnerFeatures(app: Express, deps: RunnerFeatureDeps): void {
  const shoes = createShoesRepo(deps.db);
  const maps = createMapSettingsRepo(deps.db);
  const { onChange } = deps;
  const edits = createRunEditsRepo(deps.db);
  // Personal records are cached per run; fill the cache in the background a while after start.
  scheduleRecordsWarm(deps.db, deps.activities, 5000);
  app.use(tileCsp(() => maps.tileUrl()));
  app.use(
    "/api/activities",
    runExtrasRoutes({
      activities: deps.activities,
      files: deps.files,
      edits,
      shoes,
      onChange,
    }),
  );
  app.use(
    "/api/activities",
    runDateRoutes({ activities: deps.activities, edits, today: () => deps.analysis.today(), onChange }),
  );
  app.use("/api/shoes", requireJson, shoesRoutes({ shoes, now: deps.now, onChange }));
  app.use("/api/map", requireJson, mapRoutes({ maps }));
  app.use("/api", recordsRoutes({ db: deps.db, activities: deps.activities, analysis: deps.analysis }));
  app.use(
    "/api",
    historyRoutes({
      db: deps.db,
      activities: deps.activities,
      analysis: deps.analysis,
      pain: deps.pain,
      shoes,
    }),
  );
  app.use(
    "/api",
    dataRoutes({
      demo: createDemoRepo(deps.db),
      onChange,
      forgetOutside: () => disconnectIntervals(deps.dataDir),
      ...(deps.loadDemo && { loadDemo: deps.loadDemo }),
    }),
  );
}
