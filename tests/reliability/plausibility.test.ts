import { describe, expect, it } from "vitest";
import { parseFit } from "../../fit-parser/index.ts";
import { enumValue } from "../../fit-parser/plausible.ts";
import { importSources } from "../../server/app/import-sources.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { openDb } from "../../server/db/open.ts";
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

describe("importSources() marks runs dated before 2000 or after tomorrow", () => {
  const FIT_EPOCH_S = 631_065_600;
  const fitSeconds = (iso: string): number => Date.parse(iso) / 1000 - FIT_EPOCH_S;

  it("stores a 1990 run and a 2125 run marked dateSuspect, a 2024 run not, and none with 1e306 m", async () => {
    const db = openDb(":memory:");
    const sources = [
      { name: "clock-never-set.fit", bytes: implausibleSession(fitSeconds("1990-01-02T08:00:00Z")) },
      { name: "future.fit", bytes: implausibleSession(fitSeconds("2125-06-01T08:00:00Z")) },
      { name: "real.fit", bytes: implausibleSession(fitSeconds("2024-05-01T08:00:00Z")) },
    ];
    const report = await importSources(db, sources, { now: () => "2026-01-01T12:00:00.000Z" });
    expect(report.summary.imported).toBe(3);
    const stored = createActivitiesRepo(db).list({ limit: 10 });
    const suspect = Object.fromEntries(stored.map((a) => [a.localDate.slice(0, 4), a.dateSuspect]));
    expect(suspect).toEqual({ "1990": true, "2125": true, "2024": false });
    for (const a of stored) expect(a.distanceM).toBeNull();
    db.close();
  });
});
