import { Router } from "express";
import { painEntryInputSchema } from "../../api/pain.ts";
import { DomainError } from "../../errors.ts";
import type { PainRepo } from "../../db/pain-repo.ts";
import { parseId, parseInput } from "../params.ts";
import { painListQuerySchema } from "../../api/index.ts";

export interface PainRouteDeps {
  pain: PainRepo;
  now: () => Date;
  /** Called after every change, so cached analysis is recomputed. */
  onChange: () => void;
}

/** The hip-pain log, one entry per day: list (newest first, optionally a date range), create-or-update by date, update, delete. */
export function painRoutes(deps: PainRouteDeps): Router {
  const router = Router();
  router.get("/", (req, res) => {
    const { from, to } = parseInput(painListQuerySchema, req.query, "query");
    res.json(deps.pain.list({ ...(from && { from }), ...(to && { to }) }).reverse());
  });
  router.get("/:id", (req, res) => {
    const entry = deps.pain.get(parseId(req.params.id, "Pain entry"));
    if (!entry) throw new DomainError("pain-entry-not-found", "There is no pain entry with that id.");
    res.json(entry);
  });
  router.post("/", (req, res) => {
    const input = parseInput(painEntryInputSchema, req.body, "pain entry");
    const { entry, created } = deps.pain.upsert(input, deps.now().toISOString());
    deps.onChange();
    res.status(created ? 201 : 200).json(entry);
  });
  router.put("/:id", (req, res) => {
    const id = parseId(req.params.id, "Pain entry");
    const input = parseInput(painEntryInputSchema, req.body, "pain entry");
    const entry = deps.pain.update(id, input, deps.now().toISOString());
    if (!entry) throw new DomainError("pain-entry-not-found", "There is no pain entry with that id.");
    deps.onChange();
    res.json(entry);
  });
  router.delete("/:id", (req, res) => {
    if (!deps.pain.delete(parseId(req.params.id, "Pain entry"))) {
      throw new DomainError("pain-entry-not-found", "There is no pain entry with that id.");
    }
    deps.onChange();
    res.status(204).end();
  });
  return router;
}
