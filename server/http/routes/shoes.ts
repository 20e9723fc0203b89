import { Router } from "express";
import { z } from "zod";
import { DomainError } from "../../errors.ts";
import type { Shoe, ShoesRepo } from "../../db/shoes-repo.ts";
import type { ShoeView } from "../api-types.ts";
import { parseId, parseInput } from "../params.ts";

/** Most running shoes are replaced somewhere between 500 and 800 km; 700 km is the default reminder. */
export const DEFAULT_RETIRE_AT_M = 700_000;

const shoeSchema = z.strictObject({
  name: z.string().trim().min(1, "needs a name").max(80),
  retireAtM: z.number().positive().max(10_000_000).default(DEFAULT_RETIRE_AT_M),
  isDefault: z.boolean().default(false),
  retired: z.boolean().default(false),
});

const toView = (s: Shoe): ShoeView => ({
  id: s.id,
  name: s.name,
  retireAtM: s.retireAtM,
  isDefault: s.isDefault,
  retired: s.retired,
  distanceM: Math.round(s.distanceM * 10) / 10,
  runs: s.runs,
  dueForRetirement: !s.retired && s.distanceM >= s.retireAtM,
});

/** Shoes: add, rename, make default, retire, delete; mileage comes from the runs assigned. */
export function shoesRoutes(deps: { shoes: ShoesRepo; now: () => Date; onChange: () => void }): Router {
  const router = Router();
  const missing = (): DomainError => new DomainError("not-found", "There is no pair of shoes with that id.");
  router.get("/", (_req, res) => {
    res.json(deps.shoes.list().map(toView));
  });
  router.post("/", (req, res) => {
    const input = parseInput(shoeSchema, req.body, "shoe");
    res.status(201).json(toView(deps.shoes.create(input, deps.now().toISOString())));
    deps.onChange();
  });
  router.put("/:id", (req, res) => {
    const shoe = deps.shoes.update(parseId(req.params.id, "Shoe"), parseInput(shoeSchema, req.body, "shoe"));
    if (!shoe) throw missing();
    deps.onChange();
    res.json(toView(shoe));
  });
  router.delete("/:id", (req, res) => {
    if (!deps.shoes.delete(parseId(req.params.id, "Shoe"))) throw missing();
    deps.onChange();
    res.status(204).end();
  });
  return router;
}
