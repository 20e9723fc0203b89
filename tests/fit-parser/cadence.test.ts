import { describe, expect, it } from "vitest";
import { cadenceScale, isFootSport, rawCadence, toSpm } from "../../fit-parser/cadence.ts";

describe("rawCadence()", () => {
  it("adds the fractional part to the whole strides per minute", () => {
    expect(rawCadence(83, 0.671875)).toBe(83.671875);
    expect(rawCadence(90, undefined)).toBe(90);
  });

  it("turns an invalid 0xFF sentinel or a missing value into NaN, never a number", () => {
    expect(rawCadence(255, 0.5)).toBeNaN();
    expect(rawCadence(undefined, 0.5)).toBeNaN();
    expect(rawCadence(null, null)).toBeNaN();
    expect(rawCadence("85", 0)).toBeNaN();
  });

  it("ignores a fractional part outside 0–1 and falls back to cadence256", () => {
    expect(rawCadence(85, 1.5)).toBe(85);
    expect(rawCadence(undefined, undefined, 85.25)).toBe(85.25);
  });
});

describe("cadenceScale()", () => {
  it("reads a moving median of 60–110 as strides per minute (doubled)", () => {
    expect(cadenceScale([0, 0, 84, 85, 86, 90])).toBe(2);
  });

  it("reads a median of 130–220 as steps per minute already (kept as is)", () => {
    expect(cadenceScale([0, 168, 170, 172, 174])).toBe(1);
  });

  it("ignores standing zeros and NaN when taking the median", () => {
    expect(cadenceScale([0, 0, 0, 0, 0, Number.NaN, 170, 171, 172])).toBe(1);
    expect(cadenceScale([])).toBe(2);
  });
});

describe("toSpm()", () => {
  it("doubles strides per minute with the fraction kept", () => {
    expect(toSpm(83.671875, 2)).toBe(167.34375);
    expect(toSpm(170, 1)).toBe(170);
  });

  it("keeps 0 as a standing value", () => {
    expect(toSpm(0, 2)).toBe(0);
  });

  it("makes implausible values NaN (below 60 or above 260 steps per minute)", () => {
    expect(toSpm(20, 2)).toBeNaN();
    expect(toSpm(140, 2)).toBeNaN();
    expect(toSpm(Number.NaN, 2)).toBeNaN();
    expect(toSpm(-3, 2)).toBeNaN();
  });
});

describe("isFootSport()", () => {
  it("converts running, walking and hiking only", () => {
    expect(["running", "walking", "hiking"].every(isFootSport)).toBe(true);
    expect(["cycling", "swimming", "transition", "generic"].some(isFootSport)).toBe(false);
  });
});
