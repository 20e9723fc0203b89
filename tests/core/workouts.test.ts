import { describe, expect, it } from "vitest";
import { populationModel } from "../../server/core/cadence-model.ts";
import {
  cadenceIncreasePct,
  designCadenceWorkout,
  designNextRun,
  easySpeedMps,
  recentAnteriorPain,
} from "../../server/core/workouts.ts";

describe("cadenceIncreasePct()", () => {
  it("starts at +5%, steps to +7.5% in week 3 and +10% from week 5", () => {
    expect([0, 1, 2, 3, 4, 12].map((w) => cadenceIncreasePct(w, false))).toEqual([5, 5, 7.5, 7.5, 10, 10]);
  });
  it("holds at +5% while there is anterior hip pain", () => {
    expect(cadenceIncreasePct(8, true)).toBe(5);
  });
});

describe("recentAnteriorPain()", () => {
  const entry = (date: string, severity = 4, location: "anterior" | "lateral" = "anterior") => ({
    date,
    severity,
    location,
  });
  it("counts anterior pain of 3/10 or more in the four weeks up to today", () => {
    expect(recentAnteriorPain([entry("2026-11-08")], "2026-12-06")).toBe(true);
    expect(recentAnteriorPain([entry("2026-11-07")], "2026-12-06")).toBe(false);
  });
  it("leaves out milder pain, pain elsewhere and entries after today", () => {
    const today = "2026-12-06";
    expect(recentAnteriorPain([entry("2026-12-01", 2)], today)).toBe(false);
    expect(recentAnteriorPain([entry("2026-12-01", 6, "lateral")], today)).toBe(false);
    expect(recentAnteriorPain([entry("2026-12-07")], today)).toBe(false);
  });
});

describe("easySpeedMps()", () => {
  it("takes the model's reference speed when it has one", () => {
    const model = { ...populationModel("test"), referenceSpeedMps: 3.2 };
    expect(easySpeedMps(model, [2, 2.5])).toBe(3.2);
  });
  it("else the median average speed of the last 20 runs, skipping runs without one", () => {
    const model = { ...populationModel("test"), referenceSpeedMps: null };
    const older = Array.from({ length: 10 }, () => 9);
    expect(easySpeedMps(model, [...older, ...Array.from({ length: 18 }, () => 3), null, 0])).toBe(3);
    expect(easySpeedMps(model, [null, 0])).toBeNull();
  });
});

describe("designCadenceWorkout()", () => {
  it("sets the intervals 5% above the usual cadence at easy pace, with a ±3 spm band", () => {
    const model = populationModel("test");
    const w = designCadenceWorkout({ model, easySpeedMps: 3, weekOfPlan: 0, anteriorPain: false });
    expect(w.usualCadenceSpm).toBe(168);
    expect(w.targetCadenceSpm).toBeCloseTo(176.4, 6);
    const interval = w.steps[1];
    expect(interval).toMatchObject({ kind: "active", durationS: 180 });
    expect(interval && "cadenceSpm" in interval && interval.cadenceSpm).toEqual({
      low: 176.4 - 3,
      high: 176.4 + 3,
      target: 176.4,
    });
    expect(w.steps.map((s) => s.kind)).toEqual(["warmup", "active", "recovery", "repeat", "cooldown"]);
  });
});

describe("designNextRun()", () => {
  it("plans at most 1.10 × the longest run of the last 30 days, rounded down to 100 m", () => {
    const w = designNextRun({
      l30M: 12_000,
      longestRunId: 1,
      longestRunDate: "2025-05-01",
      ceilingM: 13_200,
    });
    expect(w.distanceM).toBe(13_200);
    const odd = designNextRun({
      l30M: 9_990,
      longestRunId: 1,
      longestRunDate: "2025-05-01",
      ceilingM: 10_989,
    });
    expect(odd.distanceM).toBe(10_900);
    expect(odd.steps).toEqual([{ kind: "active", name: "Run 10.9 km", distanceM: 10_900 }]);
  });
});
