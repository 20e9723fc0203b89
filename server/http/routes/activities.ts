import { Router } from "express";
import { DomainError } from "../../errors.ts";
import type { ActivitiesRepo } from "../../db/activities-repo.ts";
import type { FilesRepo } from "../../db/files-repo.ts";
import type { ImportReport, ImportSource } from "../../app/import/types.ts";
import type { AnalysisService } from "../../app/analysis/service.ts";
import { listRuns, runTimeline, type RunsListQuery } from "../views/runs-list.ts";
import { dateSuspect } from "../../core/plausible.ts";
import type { Db } from "../../db/open.ts";
import { toActivityDetail } from "../views/activity-detail.ts";
import { loadActivityAsync } from "../../app/stored-run/off-thread.ts";
import {
  type ActivityPage,
  type ImportResponse,
  type RunTimeline,
  activityListQuerySchema,
} from "../../api/index.ts";
import { parseId, parseInput } from "../params.ts";
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits, type UploadedFile, uploadFiles } from "../upload.ts";

export interface ActivitiesRouteDeps {
  db: Db;
  activities: ActivitiesRepo;
  files: FilesRepo;
  analysis: AnalysisService;
  importUploads: (sources: ImportSource[]) => Promise<ImportReport>;
  uploadLimits?: Partial<UploadLimits>;
  /** Where uploads are streamed to while they are imported (a folder in the data folder). */
  uploadDir: string;
}

/** Upload, list, read and delete activities. */
export function activitiesRoutes(deps: ActivitiesRouteDeps): Router {
  const router = Router();

  const limits = { ...DEFAULT_UPLOAD_LIMITS, ...deps.uploadLimits };
  router.post("/", uploadFiles(deps.uploadDir, limits), async (_req, res) => {
    const files = (res.locals["uploads"] ?? []) as UploadedFile[];
    if (files.length === 0) {
      throw new DomainError(
        "invalid-input",
        'No files were uploaded: send them in a form field named "files".',
      );
    }
    const sources = files.map((f) => ({ name: f.name, path: f.path }));
    const report = await deps.importUploads(sources);
    if (report.summary.imported > 0) deps.analysis.invalidate();
    const body: ImportResponse = { results: report.results, summary: report.summary };
    res.json(body);
  });

  router.get("/", (req, res) => {
    const { q: text, ...q } = parseInput(activityListQuerySchema, req.query, "query");
    const query = { ...q, ...(text !== undefined && { text }) } as RunsListQuery;
    const page: ActivityPage = listRuns(deps.db, deps.analysis.snapshot(), deps.analysis.today(), query);
    res.json(page);
  });

  // Before "/:id", which would take the word for an id.
  router.get("/timeline", (_req, res) => {
    const body: RunTimeline = runTimeline(deps.analysis.snapshot());
    res.json(body);
  });

  router.get("/:id", async (req, res) => {
    const id = parseId(req.params.id, "Activity");
    const activity = await loadActivityAsync(deps.activities, id);
    if (!activity) throw new DomainError("activity-not-found", "There is no activity with that id.");
    const snapshot = deps.analysis.snapshot();
    const fileName = deps.files.get(activity.fileId)?.originalName ?? "";
    const detail = toActivityDetail(
      activity,
      fileName,
      snapshot.findingsById.get(id),
      snapshot.insights.model,
      snapshot.insights.units,
    );
    detail.summary.dateSuspect = dateSuspect(activity, deps.analysis.today());
    res.json(detail);
  });

  router.delete("/:id", (req, res) => {
    if (!deps.activities.delete(parseId(req.params.id, "Activity"))) {
      throw new DomainError("activity-not-found", "There is no activity with that id.");
    }
    deps.analysis.invalidate();
    res.status(204).end();
  });

  return router;
}
