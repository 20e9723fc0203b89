import { describe, expect, it } from "vitest";
import { nextRunCeiling, runSpikes, spikeCategory } from "../../server/core/load.ts";
import {
  acuteChronic,
  dailyDistance,
  rollingWeeklyChange,
  weeklyChangeOn,
  weeklyDistance,
} from "../../server/core/load-series.ts";
import type { Run } from "../../server/core/types.ts";
import { summaryRun } from "./run-builder.ts";

describe("runSpikes()", () => {
  const runs = [
    summaryRun(1, "2026-04-01", 10_000),
    summaryRun(2, "2026-04-08", 10_500),
    summaryRun(3, "2026-04-15", 12_500),
    summaryRun(4, "2026-04-22", 20_000),
    summaryRun(5, "2026-04-29", 41_000),
    summaryRun(6, "2026-06-15", 8_000),
  ];
  const byId = new Map(runSpikes(runs).map((s) => [s.runId, s]));

  it("compares each run with the longest of the 30 days before it", () => {
    expect(byId.get(3)?.l30M).toBe(10_500);
    expect(byId.get(3)?.l30RunId).toBe(2);
    expect(byId.get(3)?.ratio).toBeCloseTo(12_500 / 10_500, 10);
  });

  it("puts runs in Frandsen's categories with their hazard ratios", () => {
    expect(byId.get(2)?.category).toBe("within_10pct");
    expect(byId.get(2)?.spike).toBe(false);
    expect(byId.get(3)?.category).toBe("10_to_30pct");
    expect(byId.get(3)?.hazard).toEqual({ hr: 1.64, lo: 1.31, hi: 2.05 });
    expect(byId.get(4)?.category).toBe("30_to_100pct");
    expect(byId.get(4)?.hazard?.hr).toBe(1.52);
    expect(byId.get(5)?.category).toBe("over_100pct");
    expect(byId.get(5)?.hazard).toEqual({ hr: 2.28, lo: 1.5, hi: 3.48 });
    expect(byId.get(5)?.spike).toBe(true);
  });

  it("says 'no recent base' for a first run and after 30 days off, not a ratio", () => {
    for (const id of [1, 6]) {
      expect(byId.get(id)?.category).toBe("no_recent_base");
      expect(byId.get(id)?.ratio).toBeNull();
      expect(byId.get(id)?.spike).toBe(false);
    }
  });

  it("counts a run exactly 30 days before and not one a minute earlier", () => {
    const edge = runSpikes([
      { ...summaryRun(1, "2026-05-01", 10_000), startUtc: "2026-05-01T06:59:00.000Z" },
      summaryRun(2, "2026-05-01", 5_000),
      summaryRun(3, "2026-05-31", 12_000),
    ]);
    expect(edge.find((s) => s.runId === 3)?.l30M).toBe(5_000);
  });

  it("spikeCategory() puts exactly +10% in the reference band", () => {
    expect(spikeCategory(1.1)).toBe("within_10pct");
    expect(spikeCategory(1.1000001)).toBe("10_to_30pct");
    expect(spikeCategory(2)).toBe("30_to_100pct");
    expect(spikeCategory(null)).toBe("no_recent_base");
  });
});

describe("dailyDistance() and weeklyDistance()", () => {
  // 23:30 UTC on Sunday 17 May is 01:30 on Monday 18 May at UTC+2: a Monday run locally.
  const east: Run = {
    ...summaryRun(1, "2026-05-18", 10_000),
    startUtc: "2026-05-17T23:30:00.000Z",
    utcOffsetS: 7200,
  };
  // 03:00 UTC on Monday 18 May is 20:00 on Sunday 17 May at UTC−7.
  const west: Run = {
    ...summaryRun(2, "2026-05-17", 6_000),
    startUtc: "2026-05-18T03:00:00.000Z",
    utcOffsetS: -25200,
  };

  it("buckets by the runner's local date, not the UTC date", () => {
    const days = dailyDistance([east, west], "2026-05-18");
    expect(days.map((d) => [d.date, d.distanceM])).toEqual([
      ["2026-05-17", 6_000],
      ["2026-05-18", 10_000],
    ]);
    const weeks = weeklyDistance([east, west], "2026-05-24");
    expect(weeks.map((w) => [w.weekStart, w.distanceM])).toEqual([
      ["2026-05-11", 6_000],
      ["2026-05-18", 10_000],
    ]);
  });

  it("fills empty weeks with zero, and gives the change and the uncoupled acute:chronic ratio", () => {
    const runs = [
      summaryRun(1, "2026-05-04", 10_000),
      summaryRun(2, "2026-05-11", 10_000),
      summaryRun(3, "2026-05-18", 10_000),
      summaryRun(4, "2026-05-25", 20_000),
      summaryRun(5, "2026-05-27", 5_000),
    ];
    const weeks = weeklyDistance(runs, "2026-06-07");
    expect(weeks.map((w) => w.distanceM)).toEqual([10_000, 10_000, 10_000, 25_000, 0]);
    expect(weeks[3]?.changeVsPrevious).toBeCloseTo(1.5, 10);
    expect(weeks[3]?.acuteChronicRatio).toBeCloseTo(2.5, 10);
    expect(weeks[3]?.longestRunM).toBe(20_000);
    expect(weeks[4]?.runs).toBe(0);
  });
});

describe("rollingWeeklyChange()", () => {
  const base = ["2026-05-01", "2026-05-03", "2026-05-05"].map((d, i) => summaryRun(i + 1, d, 20_000 / 3));
  it("notes a rolling 7-day distance more than 30% above the 7 days before", () => {
    const runs = [...base, summaryRun(4, "2026-05-09", 15_000), summaryRun(5, "2026-05-12", 15_000)];
    const today = weeklyChangeOn(runs, "2026-05-14");
    expect(today.last7M).toBe(30_000);
    expect(today.previous7M).toBeCloseTo(20_000, 6);
    expect(today.change).toBeCloseTo(0.5, 6);
    expect(today.noted).toBe(true);
    const series = rollingWeeklyChange(runs, "2026-05-14");
    expect(series[series.length - 1]).toEqual(today);
  });
  it("does not note +25%", () => {
    const runs = [...base, summaryRun(4, "2026-05-09", 12_500), summaryRun(5, "2026-05-12", 12_500)];
    expect(weeklyChangeOn(runs, "2026-05-14").noted).toBe(false);
  });
  it("has no change after an empty week", () => {
    expect(weeklyChangeOn([summaryRun(1, "2026-05-12", 5_000)], "2026-05-14").change).toBeNull();
  });
});

describe("acuteChronic()", () => {
  it("reads 1.0 for a steady load, uncoupled and EWMA alike", () => {
    const runs = Array.from({ length: 120 }, (_, i) =>
      summaryRun(i + 1, new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), 5_000),
    );
    const series = acuteChronic(runs, "2026-04-30");
    const last = series[series.length - 1];
    expect(last?.acute7M).toBe(35_000);
    expect(last?.chronicWeeklyM).toBe(35_000);
    expect(last?.uncoupledRatio).toBe(1);
    expect(last?.ewmaRatio).toBeCloseTo(1, 2);
    expect(last?.ewmaAcuteM).toBeCloseTo(5_000, 0);
  });
  it("uses λ = 0.25 for the acute EWMA: one 10 km day reads 2.5 km then 1.875 km", () => {
    const series = acuteChronic([summaryRun(1, "2026-05-01", 10_000)], "2026-05-02");
    expect(series[0]?.ewmaAcuteM).toBeCloseTo(2_500, 6);
    expect(series[1]?.ewmaAcuteM).toBeCloseTo(1_875, 6);
    expect(series[0]?.ewmaChronicM).toBeCloseTo((10_000 * 2) / 29, 6);
    expect(series[0]?.uncoupledRatio).toBeNull();
  });
});

describe("nextRunCeiling()", () => {
  it("is 1.10 × the longest run of the 30 local days ending today", () => {
    const runs = [
      summaryRun(1, "2026-04-30", 15_000),
      summaryRun(2, "2026-05-05", 12_000),
      summaryRun(3, "2026-05-20", 8_000),
    ];
    const ceiling = nextRunCeiling(runs, "2026-05-31");
    expect(ceiling?.l30M).toBe(12_000);
    expect(ceiling?.longestRunDate).toBe("2026-05-05");
    expect(ceiling?.ceilingM).toBeCloseTo(13_200, 6);
  });
  it("is null with no run in the last 30 days", () => {
    expect(nextRunCeiling([summaryRun(1, "2026-03-01", 10_000)], "2026-05-31")).toBeNull();
  });
});

describe("dates", () => {
  it("dayNumber() and dateOfDay() agree with Date.UTC across leap years and centuries", async () => {
    const { dayNumber, dateOfDay, weekStart } = await import("../../server/core/dates.ts");
    for (let day = -1000; day < 30_000; day += 37) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(dateOfDay(day)).toBe(iso);
      expect(dayNumber(iso)).toBe(day);
    }
    expect(dayNumber("2024-02-29") + 1).toBe(dayNumber("2024-03-01"));
    for (let day = -400; day < 400; day += 1) {
      const date = new Date(day * 86_400_000);
      const monday = new Date((day - ((date.getUTCDay() + 6) % 7)) * 86_400_000).toISOString().slice(0, 10);
      expect(weekStart(date.toISOString().slice(0, 10))).toBe(monday);
    }
    expect(weekStart("2026-05-17")).toBe("2026-05-11");
    expect(weekStart("2026-05-18")).toBe("2026-05-18");
  });
});
