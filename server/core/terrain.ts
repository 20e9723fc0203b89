import type { Run } from "./types.ts";

/** Where a run was: treadmill and trail runs are tagged so their cadence is not read as overstriding. */
export type Terrain = "road" | "treadmill" | "trail";

// FIT sub_sport names (Profile.types.subSport): indoor_running and virtual_activity are treadmill-like too.
const TREADMILL = new Set([
  "treadmill",
  "indoorRunning",
  "virtualActivity",
  "indoor_running",
  "virtual_activity",
]);
const TRAIL = new Set(["trail", "mountain", "ultra"]);

/** The run's terrain from its sub_sport (road when the file does not say). */
export function terrainOf(run: Pick<Run, "subSport">): Terrain {
  const sub = run.subSport ?? "";
  if (TREADMILL.has(sub)) return "treadmill";
  if (TRAIL.has(sub)) return "trail";
  return "road";
}
