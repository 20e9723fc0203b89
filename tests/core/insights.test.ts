import { describe, expect, it } from "vitest";
import { analyseRunCadence, computeInsights } from "../../server/core/insights.ts";
import { runTrendPoint } from "../../server/core/trends.ts";
import { generateHistory, type HistoryOptions, type PainScenario } from "../../server/demo/history.ts";

const today = "2026-06-28";

function verdicts(scenario: PainScenario, seed: number, extra: Partial<HistoryOptions> = {}) {
  const h = generateHistory({ seed, weeks: 52, endDate: today, scenario, sampleIntervalS: 5, ...extra });
  const insights = computeInsights({ runs: h.runs, pain: h.pain, today, units: "km" });
  return { h, insights, by: Object.fromEntries(insights.correlations.map((c) => [c.hypothesis, c.verdict])) };
}

describe("computeInsights() on generated histories", () => {
  it.each([1, 2, 3])("links pain that follows mileage spikes to spikes only (seed %i)", (seed) => {
    const { by, insights } = verdicts("spikes", seed);
    expect(by).toEqual({ overstriding: "no_clear_link", mileage_spike: "linked" });
    // The tip's reasons read as words; the interval and p-value sit in its details.
    const tip = insights.advice.find((t) => t.cause === "mileage_spike");
    expect(tip?.because[0]).toMatch(/^Pain followed \d+ of \d+ runs with a mileage spike/);
    expect(tip?.because.join(" ")).not.toMatch(/CI|p [<=]/);
    expect(tip?.details?.[0]).toMatch(/95% CI .* Fisher's exact test p/);
  });

  it.each([1, 2, 3])("links pain that follows low-cadence runs to overstriding only (seed %i)", (seed) => {
    const { by } = verdicts("low_cadence", seed);
    expect(by).toEqual({ overstriding: "linked", mileage_spike: "no_clear_link" });
  });

  it("flags the runs the generator made low-cadence, and no others", () => {
    const { h, insights } = verdicts("none", 4, { weeks: 12 });
    for (const run of insights.runs) {
      expect(run.cadence.flag !== "none", `run ${run.runId}`).toBe(h.truth.get(run.runId)?.overstriding);
    }
    expect(insights.model.kind).toBe("personal");
    expect(insights.model.slopeSpmPerMps).toBeCloseTo(h.runner.slopeSpmPerMps, -0.3);
  });

  it("says not enough data after two weeks", () => {
    const h = generateHistory({ seed: 5, weeks: 2, endDate: today, scenario: "spikes", sampleIntervalS: 10 });
    const insights = computeInsights({ runs: h.runs, pain: h.pain, today, units: "km" });
    expect(insights.correlations.map((c) => c.verdict)).toEqual(["not_enough_data", "not_enough_data"]);
    for (const c of insights.correlations) expect(c.missing[0]).toMatch(/more runs/);
  });

  it("links nothing in at least 95% of 200 histories where pain comes at random", () => {
    let anyLinked = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const h = generateHistory({
        seed: 1000 + seed,
        weeks: 26,
        endDate: today,
        scenario: "random",
        sampleIntervalS: 20,
      });
      const insights = computeInsights({ runs: h.runs, pain: h.pain, today, units: "km" });
      if (insights.correlations.some((c) => c.verdict === "linked")) anyLinked++;
    }
    expect(anyLinked).toBeLessThanOrEqual(10);
  }, 120_000);

  it("analyseRunCadence() gives the same per-run result computeInsights() uses", () => {
    const { h, insights } = verdicts("none", 6, { weeks: 10 });
    const run = h.runs[h.runs.length - 1];
    if (!run) throw new Error("no runs generated");
    expect(analyseRunCadence(run, insights.model)).toEqual(insights.runs[insights.runs.length - 1]?.cadence);
  });

  it("ignores runs and pain after today", () => {
    const h = generateHistory({ seed: 7, weeks: 8, endDate: today, scenario: "random", sampleIntervalS: 20 });
    const early = computeInsights({ runs: h.runs, pain: h.pain, today: "2026-06-01", units: "km" });
    expect(early.runs.every((r) => r.localDate <= "2026-06-01")).toBe(true);
    expect(early.load.weekly[early.load.weekly.length - 1]?.weekStart).toBe("2026-06-01");
  });

  it("answers an empty history with the population line and 'not enough data'", () => {
    const insights = computeInsights({ runs: [], pain: [], today, units: "mi" });
    expect(insights.model.kind).toBe("population");
    expect(insights.correlations.map((c) => [c.hypothesis, c.verdict, c.eligibleRuns])).toEqual([
      ["overstriding", "not_enough_data", 0],
      ["mileage_spike", "not_enough_data", 0],
    ]);
    expect(insights.advice).toEqual([]);
    expect(insights.load.ceiling).toBeNull();
    expect(insights.load.latestChange).toBeNull();
    expect(insights.disclaimer).toMatch(/not medical advice/);
  });
});

describe("computeInsights() with per-run results passed in", () => {
  it("gives the same insights as computing them itself, from runs in any order", () => {
    const h = generateHistory({ seed: 6, weeks: 30, endDate: today, scenario: "spikes", sampleIntervalS: 5 });
    const fresh = computeInsights({ runs: h.runs, pain: h.pain, today, units: "km" });
    const cadence = new Map(h.runs.map((r) => [r.id, analyseRunCadence(r, fresh.model)]));
    const trendPoints = new Map(
      h.runs.map((r) => [r.id, runTrendPoint(r, fresh.model, fresh.trends.referenceSpeedMps)]),
    );
    // Summary-only runs, newest first: what the analysis service hands in once every run is cached.
    const summaries = h.runs.map((r) => ({ ...r, series: null })).reverse();
    const cached = computeInsights({
      runs: summaries,
      pain: h.pain,
      today,
      units: "km",
      model: fresh.model,
      cadence,
      trendPoints,
    });
    expect(cached).toEqual(fresh);
  });
});
