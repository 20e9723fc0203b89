import { describe, expect, it } from "vitest";
import type { LoadView } from "../../server/api/index.ts";
import { ratioBuckets, runChartPeriod } from "../../web/charts/ratio-buckets.ts";

type LoadRun = LoadView["runs"][number];

const run = (id: number, localDate: string, ratio: number | null): LoadRun => ({
  id,
  localDate,
  distanceM: 10_000,
  longestPrior30dM: ratio === null ? null : 10_000 / ratio,
  ratio,
  category:
    ratio === null
      ? "no_recent_base"
      : ratio > 2
        ? "over_100pct"
        : ratio > 1.3
          ? "30_to_100pct"
          : ratio > 1.1
            ? "10_to_30pct"
            : "within_10pct",
  hazardRatio: null,
});

describe("the per-run chart over long spans", () => {
  it("draws runs up to a year, weeks up to 80 weeks, months beyond (ten years)", () => {
    expect(runChartPeriod(182)).toBe("run");
    expect(runChartPeriod(365)).toBe("run");
    expect(runChartPeriod(500)).toBe("week");
    expect(runChartPeriod(3650)).toBe("month");
  });

  it("keeps the largest ratio of each week, Monday-based, with its run and the spike count", () => {
    const runs = [
      run(1, "2026-03-02", 1.05), // Monday
      run(2, "2026-03-05", 1.42),
      run(3, "2026-03-08", 1.2), // Sunday: same week
      run(4, "2026-03-09", null), // next Monday, no base
    ];
    const weeks = ratioBuckets(runs, "week");
    expect(weeks.map((b) => [b.start, b.maxRatio, b.top?.id ?? null, b.runs, b.spikes])).toEqual([
      ["2026-03-02", 1.42, 2, 3, 2],
      ["2026-03-09", null, null, 1, 0],
    ]);
  });

  it("turns ten years of daily runs into one bar a month", () => {
    const runs: LoadRun[] = [];
    for (let d = 0; d < 3650; d += 2) {
      const date = new Date(Date.UTC(2016, 0, 4) + d * 86_400_000).toISOString().slice(0, 10);
      runs.push(run(d, date, d === 1000 ? 1.8 : 1));
    }
    const months = ratioBuckets(runs, "month");
    expect(months.length).toBe(120);
    expect(months.filter((b) => b.spikes > 0)).toHaveLength(1);
    expect(Math.max(...months.map((b) => b.maxRatio ?? 0))).toBe(1.8);
  });
});
