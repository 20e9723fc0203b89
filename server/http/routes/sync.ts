import { Router } from "express";
import {
  type IntervalsConnectionView,
  type IntervalsSyncResult,
  intervalsConnectSchema,
  type SyncStatusView,
} from "../../api/sync.ts";
import type { AnalysisService } from "../../app/analysis/service.ts";
import {
  connectedClient,
  connectIntervals,
  disconnectIntervals,
  intervalsConnection,
} from "../../app/sync/intervals-connect.ts";
import { syncIntervals, type IntervalsSyncOptions } from "../../app/sync/intervals-sync.ts";
import { buildWorkout, WORKOUT_KINDS, type WorkoutKind } from "../../app/sync/workout-files.ts";
import type { Db } from "../../db/open.ts";
import { createSyncLogRepo } from "../../db/sync-log-repo.ts";
import { DomainError } from "../../errors.ts";
import { parseInput } from "../params.ts";

export interface SyncRouteDeps {
  db: Db;
  dataDir: string;
  intervalsUrl: string;
  now: () => Date;
  analysis: AnalysisService;
  onChange: () => void;
  /** A new connection: the background poll starts its first sync now rather than in up to 15 minutes. */
  onConnected?: () => void;
  /** How a sync on demand keeps the event loop free (large files on a worker, the analysis sliced). */
  offEventLoop?: Pick<IntervalsSyncOptions, "offThread" | "analyse">;
}

/** Sync status, the intervals.icu connection, a sync on demand, and workout files for the watch. */
export function syncRoutes(deps: SyncRouteDeps): Router {
  const router = Router();
  const log = createSyncLogRepo(deps.db);

  router.get("/status", (_req, res) => {
    const view: SyncStatusView = {
      intervals: intervalsConnection(deps.dataDir),
      runs: log.recent(10).map(({ id: _id, startedAt: _s, ...run }) => run),
    };
    res.json(view);
  });

  router.put("/intervals", async (req, res) => {
    const input = parseInput(intervalsConnectSchema, req.body, "intervals.icu connection");
    const connection = await connectIntervals(deps.dataDir, input, {
      baseUrl: deps.intervalsUrl,
      now: deps.now(),
    });
    deps.onConnected?.();
    const view: IntervalsConnectionView = connection;
    res.json(view);
  });

  router.delete("/intervals", (_req, res) => {
    disconnectIntervals(deps.dataDir);
    const view: IntervalsConnectionView = intervalsConnection(deps.dataDir);
    res.json(view);
  });

  router.post("/intervals/run", async (_req, res) => {
    const client = connectedClient(deps.dataDir, { baseUrl: deps.intervalsUrl });
    if (!client) throw new DomainError("intervals-not-connected", "intervals.icu is not connected.");
    const report = await syncIntervals(deps.db, client, { ...deps.offEventLoop, now: deps.now });
    if (report.summary.imported > 0) deps.onChange();
    const result: IntervalsSyncResult = {
      summary: report.summary,
      downloaded: report.downloaded,
      message: report.message,
    };
    res.json(result);
  });

  router.get("/workouts/:kind", (req, res) => {
    const kind = req.params.kind.replace(/\.fit$/i, "");
    if (!WORKOUT_KINDS.includes(kind as WorkoutKind)) {
      throw new DomainError("not-found", `No workout called "${kind}": there are cadence and next-run.`);
    }
    const file = buildWorkout(deps.db, kind as WorkoutKind, deps.now, deps.analysis);
    res
      .type("application/vnd.ant.fit")
      .attachment(file.fileName)
      .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });

  return router;
}
