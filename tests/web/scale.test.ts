import { describe, expect, it } from "vitest";
import {
  byMonth,
  cadenceAxis,
  paddedRange,
  plausibleDate,
  smoothed,
  trendSeries,
  withGaps,
} from "../../web/charts/scale.ts";

describe("the time-chart helpers", () => {
  it("keeps dates before 2000 and after tomorrow off the axes", () => {
    expect(plausibleDate("1990-07-18", "2026-12-05")).toBe(false);
    expect(plausibleDate("2026-12-06", "2026-12-05")).toBe(true);
    expect(plausibleDate("2026-12-07", "2026-12-05")).toBe(false);
    expect(plausibleDate("2016-01-04", "2026-12-05")).toBe(true);
  });

  it("breaks the line where weeks are missing", () => {
    const pts = withGaps(
      [
        { date: "2026-01-05", value: 1, weight: 1 },
        { date: "2026-01-12", value: 2, weight: 1 },
        { date: "2026-03-02", value: 3, weight: 1 },
      ],
      7,
    );
    expect(pts.map((p) => p.y)).toEqual([1, 2, null, 3]);
  });

  it("weights a month's mean by runs", () => {
    const months = byMonth([
      { date: "2026-01-05", value: 160, weight: 3 },
      { date: "2026-01-12", value: 170, weight: 1 },
      { date: "2026-02-02", value: null, weight: 0 },
    ]);
    expect(months).toEqual([
      { date: "2026-01-01", value: 162.5, weight: 4 },
      { date: "2026-02-01", value: null, weight: 0 },
    ]);
  });

  it("draws ten years by month and one year by week", () => {
    const weeks = Array.from({ length: 520 }, (_, i) => ({
      date: new Date(Date.UTC(2016, 0, 4) + i * 7 * 86_400_000).toISOString().slice(0, 10),
      value: 165 + (i % 5),
      weight: 4,
    }));
    expect(trendSeries(weeks).period).toBe("month");
    expect(trendSeries(weeks).points.length).toBeLessThanOrEqual(121);
    expect(trendSeries(weeks.slice(-52)).period).toBe("week");
  });

  it("smooths without crossing a gap", () => {
    const out = smoothed(
      [
        { x: 0, y: 10 },
        { x: 1, y: 20 },
        { x: 2, y: null },
        { x: 3, y: 40 },
      ],
      1,
    );
    expect(out.map((p) => p.y)).toEqual([15, 15, null, 40]);
  });

  it("starts cadence axes from a running floor with a minimum span", () => {
    expect(cadenceAxis([173, 173])).toEqual({ min: 160, max: 180 });
    expect(cadenceAxis([40, 170]).min).toBe(120);
    const r = paddedRange([0.95, 0.96], 0.1);
    expect(r.min).toBeCloseTo(0.905, 9);
    expect(r.max).toBeCloseTo(1.005, 9);
  });
});
