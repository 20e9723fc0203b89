import { describe, expect, it } from "vitest";
import { parseFit } from "../../fit-parser/index.ts";
import { enumValue } from "../../fit-parser/plausible.ts";
import { implausibleSession } from "./crafted.ts";

describe("parseFit() keeps only plausible values", () => {
  it("leaves out 1e306 m, a negative timer and 1.67e303 m/s, with a warning, and names no sport 'constructor'", () => {
    const r = parseFit(implausibleSession());
    if (!r.ok) throw new Error(r.message);
    const [a] = r.activities;
    expect(a?.distanceM).toBeNull();
    expect(a?.timerS).toBeNull();
    expect(a?.avgSpeedMps).toBeNull();
    expect(a?.elapsedS).toBe(60);
    expect(a?.sport).toBe("generic");
    expect(a?.samples.count).toBe(60);
    expect(r.warnings.map((w) => w.code)).toContain("implausible-values");
    expect(r.warnings.find((w) => w.code === "implausible-values")?.message).toMatch(/distance/);
  });

  it("takes enum values only from the profile", () => {
    expect(enumValue("sport", "running")).toBe("running");
    expect(enumValue("sport", "constructor")).toBeNull();
    expect(enumValue("sport", "__proto__")).toBeNull();
    expect(enumValue("sport", 1)).toBe("1");
    expect(enumValue("subSport", "trail")).toBe("trail");
  });
});
