import { Router } from "express";
import { DomainError } from "../../errors.ts";
import type { Shoe, ShoesRepo } from "../../db/shoes-repo.ts";
import { type ShoeView, shoeInputSchema } from "../../api/index.ts";
import { parseId, parseInput } from "../params.ts";

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
    const input = parseInput(shoeInputSchema, req.body, "shoe");
    res.status(201).json(toView(deps.shoes.create(input, deps.now().toISOString())));
    deps.onChange();
  });
  router.put("/:id", (req, res) => {
    const shoe = deps.shoes.update(
      parseId(req.params.id, "Shoe"),
      parseInput(shoeInputSchema, req.body, "shoe"),
    );
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
