import { describe, expect, it } from "vitest";
import { populationModel } from "../../server/core/cadence-model.ts";
import { weeklyTrends } from "../../server/core/trends.ts";
import { buildRun, summaryRun } from "./run-builder.ts";

const population = populationModel("test");

describe("weeklyTrends()", () => {
  it("reports cadence at the reference speed, removing the effect of each run's own speed", () => {
    // Both runs sit on the line: at the reference speed (their median, 3.0 m/s) both read 168.
    const slow = buildRun({ id: 1, date: "2026-05-11", speed: () => 2.5 });
    const fast = buildRun({ id: 2, date: "2026-05-13", speed: () => 3.5 });
    const trends = weeklyTrends([slow, fast], population);
    expect(trends.referenceSpeedMps).toBeCloseTo(3, 6);
    expect(trends.runs.map((r) => r.cadenceAtRefSpm)).toEqual([
      expect.closeTo(168, 3),
      expect.closeTo(168, 3),
    ]);
    expect(trends.weeks).toHaveLength(1);
    expect(trends.weeks[0]?.cadenceAtRefSpm).toBeCloseTo(168, 3);
  });

  it("shows a cadence rise week over week at the same reference speed", () => {
    const before = buildRun({ id: 1, date: "2026-05-04", cadence: (_t, v) => 150 + 6 * v - 8 });
    const after = buildRun({ id: 2, date: "2026-05-11", cadence: (_t, v) => 150 + 6 * v });
    const weeks = weeklyTrends([after, before], population).weeks;
    expect(weeks.map((w) => w.weekStart)).toEqual(["2026-05-04", "2026-05-11"]);
    expect((weeks[1]?.cadenceAtRefSpm ?? 0) - (weeks[0]?.cadenceAtRefSpm ?? 0)).toBeCloseTo(8, 3);
  });

  it("uses running dynamics where the watch recorded them, and null where it did not", () => {
    const run = buildRun({ id: 1 });
    const s = run.series;
    if (!s) throw new Error("series expected");
    (s.stepLengthM as Float32Array).fill(1.07);
    (s.verticalRatioPct as Float32Array).fill(7.5);
    const trends = weeklyTrends([run], population);
    expect(trends.runs[0]?.stepLengthM).toBeCloseTo(1.07, 5);
    expect(trends.runs[0]?.verticalRatioPct).toBeCloseTo(7.5, 5);
    expect(trends.runs[0]?.stanceTimeMs).toBeNull();
    expect(trends.weeks[0]?.stanceTimeMs).toBeNull();
  });

  it("takes a dynamics median over positive finite values only: 0, negatives, NaN and infinity are not recorded", () => {
    const run = buildRun({ id: 1 });
    const stance = run.series?.stanceTimeMs as Float32Array;
    const junk = [0, -3, Number.NaN, Number.POSITIVE_INFINITY];
    for (let i = 0; i < stance.length; i++) stance[i] = i % 5 === 4 ? 250 + (i % 7) : (junk[i % 5] as number);
    const kept = Array.from(stance.filter((v) => v > 0 && Number.isFinite(v))).sort((a, b) => a - b);
    const mid = kept.length >> 1;
    const expected = kept.length % 2 ? kept[mid] : ((kept[mid - 1] as number) + (kept[mid] as number)) / 2;
    expect(kept.length).toBeGreaterThan(100);
    expect(weeklyTrends([run], population).runs[0]?.stanceTimeMs).toBe(expected);
  });

  it("derives step length as 60 × speed / cadence for a summary-only run", () => {
    const trends = weeklyTrends([summaryRun(1, "2026-05-12", 10_000)], population);
    expect(trends.runs[0]?.stepLengthM).toBeCloseTo((60 * 3) / 168, 6);
    expect(trends.runs[0]?.cadenceAtRefSpm).toBeCloseTo(168, 6);
  });

  it("reads nothing from a run whose cadence is not plausible running cadence", () => {
    const halved = { ...summaryRun(1, "2026-05-12", 10_000), avgCadenceSpm: 84 };
    const trends = weeklyTrends([halved], population);
    expect(trends.runs[0]?.cadenceAtRefSpm).toBeNull();
    expect(trends.runs[0]?.stepLengthM).toBeNull();
  });
});
