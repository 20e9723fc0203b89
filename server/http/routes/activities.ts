import { Router } from "express";
import { z } from "zod";
import { DomainError } from "../../errors.ts";
import type { ActivitiesRepo } from "../../db/activities-repo.ts";
import type { FilesRepo } from "../../db/files-repo.ts";
import type { ImportReport, ImportSource } from "../../app/import-types.ts";
import type { AnalysisService } from "../../app/analysis/service.ts";
import { toListItem } from "../../app/analysis/views.ts";
import { toActivityDetail } from "../../app/analysis/activity-detail.ts";
import { loadActivity } from "../../app/load-activity.ts";
import type { ActivityPage } from "../api-types.ts";
import { parseId, parseInput } from "../params.ts";
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits, type UploadedFile, uploadFiles } from "../upload.ts";

const listQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  runsOnly: z.enum(["true", "false"]).default("false"),
});

export interface ActivitiesRouteDeps {
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
    res.json(report);
  });

  router.get("/", (req, res) => {
    const q = parseInput(listQuerySchema, req.query, "query");
    const runsOnly = q.runsOnly === "true";
    const snapshot = deps.analysis.snapshot();
    const items = deps.activities
      .list({ runsOnly, limit: q.pageSize, offset: (q.page - 1) * q.pageSize })
      .map((a) => toListItem(a, snapshot.findingsById.get(a.id)));
    const page: ActivityPage = {
      items,
      total: deps.activities.count({ runsOnly }),
      page: q.page,
      pageSize: q.pageSize,
    };
    res.json(page);
  });

  router.get("/:id", (req, res) => {
    const id = parseId(req.params.id, "Activity");
    const activity = loadActivity(deps.activities, id);
    if (!activity) throw new DomainError("activity-not-found", "There is no activity with that id.");
    const snapshot = deps.analysis.snapshot();
    const fileName = deps.files.get(activity.fileId)?.originalName ?? "";
    res.json(
      toActivityDetail(
        activity,
        fileName,
        snapshot.findingsById.get(id),
        snapshot.insights.model,
        snapshot.insights.units,
      ),
    );
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
