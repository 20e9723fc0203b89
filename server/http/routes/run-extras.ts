import { Router } from "express";
import { DomainError } from "../../errors.ts";
import type { ActivitiesRepo } from "../../db/activities-repo.ts";
import type { FilesRepo } from "../../db/files-repo.ts";
import type { RunEditsRepo } from "../../db/run-edits-repo.ts";
import type { ShoesRepo } from "../../db/shoes-repo.ts";
import { loadSamplesAsync } from "../../app/stored-run/off-thread.ts";
import { routeOutline } from "../../core/route.ts";
import { type RouteView, runEditSchema } from "../../api/index.ts";
import { parseId, parseInput, requireJson } from "../params.ts";

export interface RunExtrasDeps {
  activities: ActivitiesRepo;
  files: FilesRepo;
  edits: RunEditsRepo;
  shoes: ShoesRepo;
  onChange: () => void;
}

const notFound = (): DomainError =>
  new DomainError("activity-not-found", "There is no activity with that id.");

/** A file name safe inside a quoted Content-Disposition (the RFC 5987 form carries the real one). */
function asciiName(name: string): string {
  return name.replace(/[^\w.-]+/g, "_") || "activity.fit";
}

/** Name, notes, shoe and date of a run; its original file; its route. */
export function runExtrasRoutes(deps: RunExtrasDeps): Router {
  const router = Router();

  router.patch("/:id", requireJson, (req, res) => {
    const id = parseId(req.params.id, "Activity");
    const raw = parseInput(runEditSchema, req.body, "run edit");
    if (raw.shoeId !== undefined && raw.shoeId !== null && !deps.shoes.get(raw.shoeId)) {
      throw new DomainError("invalid-input", "There is no pair of shoes with that id.");
    }
    const edit = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
    if (typeof edit["name"] === "string" && edit["name"] === "") edit["name"] = null;
    if (!deps.edits.apply(id, edit)) throw notFound();
    deps.onChange();
    const updated = deps.activities.get(id);
    res.json({
      id,
      name: updated?.name ?? null,
      notes: updated?.notes ?? "",
      shoeId: updated?.shoeId ?? null,
      localDate: updated?.localDate,
      dateShiftDays: updated?.dateShiftDays ?? 0,
      dateConfirmed: updated?.dateConfirmed ?? false,
    });
  });

  router.get("/:id/original", (req, res) => {
    const id = parseId(req.params.id, "Activity");
    const activity = deps.activities.get(id);
    const bytes = activity ? deps.files.bytes(activity.fileId) : null;
    if (!activity || !bytes) throw notFound();
    const name = deps.files.get(activity.fileId)?.originalName ?? `activity-${id}.fit`;
    res.setHeader("Content-Type", "application/vnd.ant.fit");
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    res.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  router.get("/:id/route", async (req, res) => {
    const id = parseId(req.params.id, "Activity");
    const activity = deps.activities.get(id);
    if (!activity) throw notFound();
    const samples = activity.hasGps ? await loadSamplesAsync(deps.activities, activity) : null;
    const outline = samples ? routeOutline(samples.latDeg, samples.lonDeg) : null;
    const view: RouteView = outline ?? { points: [], bounds: null };
    res.json(view);
  });

  return router;
}
