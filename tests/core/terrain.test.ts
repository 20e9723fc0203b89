import { describe, expect, it } from "vitest";
import { populationModel } from "../../server/core/cadence-model.ts";
import { analyzeCadence } from "../../server/core/overstriding.ts";
import { terrainOf } from "../../server/core/terrain.ts";
import { buildRun } from "./run-builder.ts";

/** 30 min flat at the expected 168 spm, then 30 min at 150 spm (11% low) at 3 m/s; the climb optional. */
function halfLow(climbPct: number | null) {
  const run = buildRun({ durationS: 3600, dtS: 5, speed: () => 3, cadence: (t) => (t < 1800 ? 168 : 150) });
  if (climbPct !== null) {
    const s = run.series;
    if (!s) throw new Error("series expected");
    const alt = new Float32Array(s.timeS.length);
    for (let i = 0; i < alt.length; i++) {
      const d = s.distanceM[i] as number;
      alt[i] = 100 + Math.max(0, d - 5400) * (climbPct / 100);
    }
    s.altitudeM = alt;
  }
  return run;
}

describe("steep ground and terrain", () => {
  const model = populationModel("test");

  it("flags low cadence on the flat, with or without altitude", () => {
    expect(analyzeCadence(halfLow(null), model).flag).not.toBe("none");
    expect(analyzeCadence(halfLow(0), model).flag).not.toBe("none");
  });

  it("leaves out stretches steeper than 3% where altitude exists, so a climb is not read as overstriding", () => {
    const climbing = analyzeCadence(halfLow(5), model);
    expect(climbing.flag).toBe("none");
    expect(climbing.runningS).toBeLessThan(2000);
    // A 2% drag is not steep: the low cadence there still counts.
    expect(analyzeCadence(halfLow(2), model).flag).not.toBe("none");
  });

  it("tags treadmill and trail runs from the FIT sub_sport", () => {
    expect(terrainOf({ subSport: "treadmill" })).toBe("treadmill");
    expect(terrainOf({ subSport: "indoorRunning" })).toBe("treadmill");
    expect(terrainOf({ subSport: "trail" })).toBe("trail");
    expect(terrainOf({ subSport: "street" })).toBe("road");
    expect(terrainOf({ subSport: null })).toBe("road");
  });
});
