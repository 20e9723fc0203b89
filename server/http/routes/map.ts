import { Router } from "express";
import { z } from "zod";
import type { MapSettingsRepo } from "../../db/map-settings-repo.ts";
import type { MapSettings } from "../../api/index.ts";
import { parseInput } from "../params.ts";
import { tileOrigin } from "../tile-csp.ts";

const mapSchema = z.strictObject({
  tileUrl: z
    .string()
    .trim()
    .max(500)
    .refine((v) => tileOrigin(v) !== null, "must be an https:// URL")
    .refine((v) => ["{z}", "{x}", "{y}"].every((p) => v.includes(p)), "must contain {z}, {x} and {y}")
    .nullable(),
});

/** The map tile URL: off (null) by default, so routes are drawn with no third-party request. */
export function mapRoutes(deps: { maps: MapSettingsRepo }): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    const view: MapSettings = { tileUrl: deps.maps.tileUrl() };
    res.json(view);
  });
  router.put("/", (req, res) => {
    const { tileUrl } = parseInput(mapSchema, req.body, "map settings");
    deps.maps.setTileUrl(tileUrl === "" ? null : tileUrl);
    const view: MapSettings = { tileUrl: deps.maps.tileUrl() };
    res.json(view);
  });
  return router;
}
