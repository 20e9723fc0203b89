import { describe, expect, it } from "vitest";
import { routeOutline } from "../../server/core/route.ts";
import { jumpEpisodes } from "../../server/core/jump-episodes.ts";
import { isDateSuspect, isTooShort } from "../../server/core/plausible.ts";

describe("routeOutline()", () => {
  it("drops points without a fix and thins a long track to at most 500 points", () => {
    const n = 7200;
    const lat = new Float64Array(n).map((_, i) => (i < 10 ? Number.NaN : 45 + i * 1e-5));
    const lon = new Float64Array(n).map((_, i) => -122 + i * 1e-5);
    lat[20] = 0;
    lon[20] = 0;
    const route = routeOutline(lat, lon);
    expect(route?.points.length).toBeLessThanOrEqual(500);
    expect(route?.points.length).toBeGreaterThan(400);
    expect(route?.points.at(-1)).toEqual([45.07199, -121.92801]);
    expect(route?.points.some(([a, b]) => a === 0 && b === 0)).toBe(false);
    expect(route?.bounds.minLat).toBeCloseTo(45.0001, 6);
  });

  it("gives nothing for a file without GPS", () => {
    expect(
      routeOutline(new Float64Array(100).fill(Number.NaN), new Float64Array(100).fill(Number.NaN)),
    ).toBeNull();
  });
});

describe("jumpEpisodes()", () => {
  it("makes one episode of consecutive noted days, peaking at the largest rise", () => {
    const day = (date: string, changePct: number | null, noted: boolean) => ({
      date,
      distanceM: 1,
      previousM: 1,
      changePct,
      noted,
    });
    const episodes = jumpEpisodes([
      day("2025-03-01", 10, false),
      ...[31, 45, 60, 52, 40, 33].map((c, i) => day(`2025-03-0${i + 2}`, c, true)),
      day("2025-03-08", 12, false),
      day("2025-03-09", 35, true),
    ]);
    expect(episodes.map((e) => [e.from, e.to, e.days, e.peak.date])).toEqual([
      ["2025-03-02", "2025-03-07", 6, "2025-03-04"],
      ["2025-03-09", "2025-03-09", 1, "2025-03-09"],
    ]);
  });

  it("ends an episode at a missing day, so a list of noted days alone is not one long jump", () => {
    const noted = (date: string, changePct: number) => ({
      date,
      distanceM: 1,
      previousM: 1,
      changePct,
      noted: true,
    });
    const episodes = jumpEpisodes([
      noted("2025-03-01", 40),
      noted("2025-03-02", 50),
      noted("2025-03-20", 35),
    ]);
    expect(episodes.map((e) => [e.from, e.to, e.days, e.peak.changePct])).toEqual([
      ["2025-03-01", "2025-03-02", 2, 50],
      ["2025-03-20", "2025-03-20", 1, 35],
    ]);
  });
});

describe("plausibility", () => {
  it("doubts dates before 2000 and after tomorrow", () => {
    expect(isDateSuspect("1990-07-18", "2026-11-25")).toBe(true);
    expect(isDateSuspect("2026-11-26", "2026-11-25")).toBe(false);
    expect(isDateSuspect("2026-11-27", "2026-11-25")).toBe(true);
  });

  it("does not count a 14-second 0.0 km recording as a run", () => {
    expect(isTooShort({ timerS: 14, elapsedS: 14, distanceM: 0 })).toBe(true);
    expect(isTooShort({ timerS: 1800, elapsedS: 1800, distanceM: null })).toBe(false);
    expect(isTooShort({ timerS: 1800, elapsedS: 1800, distanceM: 5000 })).toBe(false);
  });
});
