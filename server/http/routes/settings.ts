import { Router } from "express";
import { z } from "zod";
import { UNITS, type SettingsRepo } from "../../db/settings-repo.ts";
import { parseInput } from "../params.ts";

const settingsPatchSchema = z
  .strictObject({
    units: z.enum(UNITS),
    heightCm: z.number().min(50, "must be at least 50").max(250, "must be at most 250").nullable(),
  })
  .partial();

export interface SettingsRouteDeps {
  settings: SettingsRepo;
  onChange: () => void;
}

/** GET and PUT /api/settings: units (km/mi) and the optional height. */
export function settingsRoutes(deps: SettingsRouteDeps): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    res.json(deps.settings.get());
  });
  router.put("/", (req, res) => {
    const patch = parseInput(settingsPatchSchema, req.body, "settings");
    const next = deps.settings.update({
      ...(patch.units !== undefined && { units: patch.units }),
      ...(patch.heightCm !== undefined && { heightCm: patch.heightCm }),
    });
    deps.onChange();
    res.json(next);
  });
  return router;
}
