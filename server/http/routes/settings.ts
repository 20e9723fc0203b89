import { Router } from "express";
import { settingsPatchSchema } from "../../api/index.ts";
import type { SettingsRepo } from "../../db/settings-repo.ts";
import { parseInput } from "../params.ts";

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
