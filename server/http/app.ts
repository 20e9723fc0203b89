import express, { type Express } from "express";
import compression from "compression";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorHandler } from "./errors.ts";
import { DomainError } from "../errors.ts";
import type { Db } from "../db/open.ts";
import { createActivitiesRepo } from "../db/activities-repo.ts";
import { createFilesRepo } from "../db/files-repo.ts";
import { createPainRepo } from "../db/pain-repo.ts";
import { createSettingsRepo } from "../db/settings-repo.ts";
import { importAndAnalyse } from "../app/import/import-and-analyse.ts";
import { openAnalysis } from "../app/analysis/service.ts";
import { warmAnalysis } from "../app/analysis/warm-analysis.ts";
import type { ImportReport } from "../app/import/types.ts";
import { activitiesRoutes } from "./routes/activities.ts";
import { analysisRoutes } from "./routes/analysis.ts";
import { unansweredRoutes } from "./routes/unanswered.ts";
import { painRoutes } from "./routes/pain.ts";
import { settingsRoutes } from "./routes/settings.ts";
import { syncRoutes } from "./routes/sync.ts";
import { resolveIntervalsUrl } from "../app/sync/intervals-client.ts";
import { startIntervalsPoller } from "../app/sync/intervals-poller.ts";
import { type UploadLimits, prepareUploadDir } from "./upload.ts";
import { requireJson } from "./params.ts";
import { mountRunnerFeatures, scheduleRecordsWarm } from "./runner-features.ts";
import { deviceSecret } from "./known-device.ts";
import { LOOPBACK_HOSTS, security, type SecurityOptions } from "./security.ts";

export interface AppDeps {
  db: Db;
  /** Folder holding the built dashboard (index.html, app.js). */
  webDir: string;
  dataDir: string;
  version: string;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  uploadLimits?: Partial<UploadLimits>;
  /** Loads the generated demo history (POST /api/demo); absent where the demo is not offered. */
  loadDemo?: () => Promise<ImportReport>;
  /** Host names and password; the default answers to loopback names only, with no password. */
  security?: SecurityOptions;
  /** intervals.icu's base URL (default: STRIDEWISE_INTERVALS_URL or https://intervals.icu). */
  intervalsUrl?: string;
  /** Poll intervals.icu in the background while serving, when connected (serve sets it; tests do not). */
  backgroundSync?: boolean;
}

/**
 * Uploads larger than this (or any archive, or .gz) are parsed on a worker; smaller ones take a few ms here. At
 * 1 MiB a crafted 879 KB file of 201 chained segments held the event loop 390 ms (load average 12) before its cap.
 */
const OFF_THREAD_BYTES = 64 * 1024;

function bulky(sources: readonly { name: string; path: string }[]): boolean {
  let total = 0;
  for (const s of sources) {
    if (/\.(zip|gz)$/i.test(s.name)) return true;
    total += statSync(s.path, { throwIfNoEntry: false })?.size ?? 0;
  }
  return total > OFF_THREAD_BYTES;
}

/** Builds the HTTP app around its dependencies; listening is the caller's job. */
export function createApp(deps: AppDeps): Express {
  const now = deps.now ?? (() => new Date());
  const activities = createActivitiesRepo(deps.db);
  const files = createFilesRepo(deps.db);
  const pain = createPainRepo(deps.db);
  const settings = createSettingsRepo(deps.db);
  const analysis = openAnalysis(deps.db, now);
  const onChange = (): void => analysis.invalidate();
  // A data folder that does not exist (an in-memory database in tests) keeps uploads in a temp folder of its own:
  // a shared one would be emptied by the next app's start while this one's uploads are still being read.
  const uploadDir = existsSync(deps.dataDir)
    ? join(deps.dataDir, "uploads")
    : mkdtempSync(join(tmpdir(), "stridewise-uploads-"));
  prepareUploadDir(uploadDir);

  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy named in STRIDEWISE_TRUST_PROXY: req.ip and req.secure come from its X-Forwarded-*.
  if (deps.security?.trustProxy !== undefined) app.set("trust proxy", deps.security.trustProxy);
  const guard = deps.security ?? { allowedHosts: LOOPBACK_HOSTS };
  app.use(
    security(
      guard.password === undefined || guard.deviceSecret !== undefined
        ? guard
        : { ...guard, deviceSecret: deviceSecret(deps.dataDir) },
    ),
  );
  // gzip for JSON, HTML, JS and CSS (a year of load data is ~5x smaller); FIT downloads are not compressible types.
  app.use(compression());
  app.use("/api", express.json({ limit: "256kb" }));

  app.get("/api/health", (_req, res) => {
    res.json({ ok: true, version: deps.version });
  });
  // The analysis' start-up work (a refit, results to recompute) is done off the event loop first; API requests
  // wait for it rather than have the first of them redo it synchronously. /api/health is answered above.
  const analysisReady = warmAnalysis(deps.db, analysis.today()).then(
    () => undefined,
    (err: unknown) => console.error(`analysis warm-up: ${String(err)}`),
  );
  app.use("/api", (_req, _res, next) => {
    void analysisReady.then(() => next());
  });
  app.use(
    "/api/activities",
    activitiesRoutes({
      db: deps.db,
      activities,
      files,
      analysis,
      importUploads: async (sources) => {
        const offThread = bulky(sources.filter((s) => typeof s === "object" && "path" in s));
        // A large upload's analysis is sliced, its large runs analysed on a worker: the import's own analysis is
        // one synchronous pass over every new run (~100 ms of event loop for a 430,000-sample run).
        const imported = await importAndAnalyse(deps.db, sources, {
          tempDir: uploadDir,
          offThread,
          analyse: !offThread,
          now: () => now().toISOString(),
        });
        const report =
          offThread && imported.summary.imported > 0
            ? { ...imported, analysis: await warmAnalysis(deps.db, analysis.today()) }
            : imported;
        if (report.summary.imported > 0) scheduleRecordsWarm(deps.db, activities, 1000);
        return report;
      },
      uploadDir,
      ...(deps.uploadLimits && { uploadLimits: deps.uploadLimits }),
    }),
  );
  app.use("/api/pain/unanswered", unansweredRoutes({ analysis, pain }));
  app.use("/api/pain", requireJson, painRoutes({ pain, now, onChange }));
  app.use(
    "/api/settings",
    requireJson,
    settingsRoutes({
      settings,
      today: () => analysis.today(),
      utcOffsetS: () => analysis.utcOffsetS(),
      onChange,
    }),
  );
  const intervalsUrl = deps.intervalsUrl ?? resolveIntervalsUrl();
  // A sync's large downloads parse on a worker and its analysis is sliced, as for a large upload.
  const offEventLoop = { offThread: true, analyse: () => warmAnalysis(deps.db, analysis.today()) };
  const sync = { db: deps.db, dataDir: deps.dataDir, intervalsUrl, now, analysis, onChange, offEventLoop };
  const poller = deps.backgroundSync
    ? startIntervalsPoller({
        ...sync,
        baseUrl: intervalsUrl,
        onImported: onChange,
        onProblem: (message) => console.error(`intervals.icu sync: ${message}`),
      })
    : null;
  app.use("/api/sync", requireJson, syncRoutes({ ...sync, onConnected: () => void poller?.pollNow() }));
  app.use("/api", analysisRoutes({ analysis, pain }));
  mountRunnerFeatures(app, {
    db: deps.db,
    dataDir: deps.dataDir,
    activities,
    files,
    pain,
    analysis,
    now,
    onChange,
    ...(deps.loadDemo && { loadDemo: deps.loadDemo }),
  });
  app.use("/api", (req, _res, next) => {
    next(new DomainError("not-found", `No API route for ${req.method} ${req.originalUrl}.`));
  });

  app.use(express.static(deps.webDir, { index: "index.html" }));
  app.get("/{*path}", (_req, res) => {
    res.sendFile(join(deps.webDir, "index.html"));
  });

  app.use(errorHandler);
  return app;
}
