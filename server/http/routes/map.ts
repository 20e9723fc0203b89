import { Router } from "express";
import type { MapSettingsRepo } from "../../db/map-settings-repo.ts";
import { type MapSettings, mapSettingsInputSchema, OSM_ATTRIBUTION } from "../../api/index.ts";
import { parseInput } from "../params.ts";

/** OpenStreetMap's own tile servers (tile.openstreetmap.org and its a/b/c mirrors). */
const OSM_HOST = /^https:\/\/([a-c]\.)?tile\.openstreetmap\.org\//i;

/** The map tile URL and its credit: off (null) by default, so routes are drawn with no third-party request. */
export function mapRoutes(deps: { maps: MapSettingsRepo }): Router {
  const router = Router();
  const view = (): MapSettings => ({
    tileUrl: deps.maps.tileUrl(),
    tileAttribution: deps.maps.tileUrl() === null ? null : deps.maps.tileAttribution(),
  });
  router.get("/", (_req, res) => {
    res.json(view());
  });
  router.put("/", (req, res) => {
    const { tileUrl, tileAttribution } = parseInput(mapSettingsInputSchema, req.body, "map settings");
    const url = tileUrl === "" ? null : tileUrl;
    deps.maps.setTileUrl(url);
    if (tileAttribution !== undefined) deps.maps.setTileAttribution(tileAttribution || null);
    // OpenStreetMap's tile policy requires the credit: never draw their tiles without it.
    if (url !== null && OSM_HOST.test(url) && !deps.maps.tileAttribution()) {
      deps.maps.setTileAttribution(OSM_ATTRIBUTION);
    }
    res.json(view());
  });
  return router;
}
