import { describe, expect, it } from "vitest";
import { expectedCadence, fitCadenceModel } from "../../server/core/cadence-model.ts";
import { seededRandom } from "../../server/core/random.ts";
import { buildRun } from "./run-builder.ts";

/** Runs at steady speeds on the line spm = a + b·v, with ±1 spm noise. */
function runsOnLine(speeds: number[], a: number, b: number, offsetFor: (i: number) => number = () => 0) {
  const random = seededRandom(11);
  return speeds.map((v, i) =>
    buildRun({
      id: i + 1,
      date: `2026-03-${String(i + 1).padStart(2, "0")}`,
      durationS: 1800,
      speed: (t) => v + 0.05 * Math.sin(t / 60),
      cadence: (_t, speed) => (a + b * speed) * (1 + offsetFor(i)) + (random() - 0.5) * 2,
    }),
  );
}

describe("fitCadenceModel()", () => {
  it("falls back to the population line with fewer than 8 runs", () => {
    const model = fitCadenceModel(runsOnLine([2.5, 2.8, 3.1, 3.4, 3.7], 140, 9));
    expect(model.kind).toBe("population");
    expect(model.interceptSpm).toBe(150);
    expect(model.slopeSpmPerMps).toBe(6);
    expect(model.fallbackReason).toMatch(/5 runs.*needs 8/);
    expect(expectedCadence(model, 3)).toBe(168);
  });

  it("recovers a known personal line over a wide speed range", () => {
    const speeds = [2.0, 2.3, 2.6, 2.9, 3.2, 3.5, 3.8, 4.1, 4.4, 2.7];
    const model = fitCadenceModel(runsOnLine(speeds, 140, 9));
    expect(model.kind).toBe("personal");
    expect(model.nRuns).toBe(10);
    expect(model.slopeWeight).toBeGreaterThan(0.9);
    for (const v of [2.2, 3, 4]) expect(expectedCadence(model, v)).toBeCloseTo(140 + 9 * v, 0);
  });

  it("shrinks the slope toward 6 spm per m/s when the speed range is narrow", () => {
    const speeds = [2.8, 2.85, 2.9, 2.95, 3.0, 3.05, 3.1, 3.15, 3.2, 3.3];
    const model = fitCadenceModel(runsOnLine(speeds, 130, 12));
    expect(model.kind).toBe("personal");
    expect(model.slopeWeight).toBeLessThan(0.6);
    expect(model.slopeSpmPerMps).toBeGreaterThan(6);
    expect(model.slopeSpmPerMps).toBeLessThan(10);
    // The level at the runner's usual speed is still their own.
    expect(expectedCadence(model, 3.05)).toBeCloseTo(130 + 12 * 3.05, 0);
  });

  it("uses the population line when the runs span less than 0.5 m/s", () => {
    const model = fitCadenceModel(runsOnLine([3, 3.05, 3.1, 3.0, 3.1, 3.05, 3.0, 3.1], 140, 9));
    expect(model.kind).toBe("population");
    expect(model.fallbackReason).toMatch(/span/);
  });

  it("leaves low-cadence runs out of the reference set so they do not drag expected down", () => {
    const speeds = [2.4, 2.6, 2.8, 3.0, 3.2, 3.4, 3.6, 2.5, 2.9, 3.3, 2.7, 3.1];
    const model = fitCadenceModel(runsOnLine(speeds, 150, 7, (i) => (i >= 9 ? -0.1 : 0)));
    expect(model.nRuns).toBe(9);
    expect(model.referenceRunIds).not.toContain(10);
    expect(expectedCadence(model, 3)).toBeCloseTo(171, 0);
  });

  it("continues a curved line along its tangent outside the fitted range", () => {
    const model = fitCadenceModel(runsOnLine([2.0, 2.3, 2.6, 2.9, 3.2, 3.5, 3.8, 4.1, 4.4, 2.7], 140, 9));
    const [, hi] = model.speedRangeMps ?? [0, 0];
    const step = expectedCadence(model, hi + 1) - expectedCadence(model, hi);
    const nextStep = expectedCadence(model, hi + 2) - expectedCadence(model, hi + 1);
    expect(step).toBeCloseTo(nextStep, 6);
  });
});
