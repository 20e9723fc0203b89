import { describe, expect, it } from "vitest";
import { populationModel } from "../../server/core/cadence-model.ts";
import { cadenceChartSeries } from "../../server/core/cadence-chart.ts";
import { analyseCadence } from "../../server/core/overstriding.ts";
import { thresholdsKey, type RunningSamples } from "../../server/core/running-samples.ts";
import { withDefaults } from "../../server/core/thresholds.ts";
import type { Run } from "../../server/core/types.ts";
import { buildRun } from "./run-builder.ts";

const population = populationModel("test");
const onLine = (_t: number, v: number): number => 150 + 6 * v;
const below = (fraction: number) => (_t: number, v: number) => (150 + 6 * v) * (1 - fraction);

describe("analyseCadence()", () => {
  it("finds nothing in a run on the expected line", () => {
    const a = analyseCadence(buildRun({ cadence: onLine }), population);
    expect(a.basis).toBe("series");
    expect(a.flag).toBe("none");
    expect(a.segments).toEqual([]);
    expect(a.medianResidualPct).toBeCloseTo(0, 3);
    expect(a.medianCadenceSpm).toBeCloseTo(168, 3);
    expect(a.runningS).toBeCloseTo(3595, 0);
  });

  it("calls a run 8% below expected 'possible' and 12% below 'marked'", () => {
    const possible = analyseCadence(buildRun({ cadence: below(0.08) }), population);
    expect(possible.flag).toBe("possible");
    expect(possible.medianResidualPct).toBeCloseTo(-8, 1);
    expect(possible.flaggedFraction).toBeCloseTo(1, 2);
    const marked = analyseCadence(buildRun({ cadence: below(0.12) }), population);
    expect(marked.flag).toBe("marked");
    expect(marked.segments[0]?.marked).toBe(true);
  });

  it("flags a 15-minute low stretch with its start and end, and the run through the 20% rule", () => {
    const cadence = (t: number, v: number): number =>
      t >= 1200 && t < 2100 ? below(0.08)(t, v) : onLine(t, v);
    const a = analyseCadence(buildRun({ cadence }), population);
    expect(a.segments).toHaveLength(1);
    const seg = a.segments[0];
    expect(seg?.startS).toBeGreaterThanOrEqual(1180);
    expect(seg?.startS).toBeLessThanOrEqual(1220);
    expect(seg?.endS).toBeGreaterThanOrEqual(2080);
    expect(seg?.endS).toBeLessThanOrEqual(2120);
    expect(seg?.durationS).toBeCloseTo(900, -2);
    expect(seg?.medianResidualPct).toBeCloseTo(-8, 0);
    expect(a.flaggedFraction).toBeCloseTo(0.25, 1);
    expect(a.medianResidualPct).toBeCloseTo(0, 1);
    expect(a.flag).toBe("possible");
  });

  it("ignores a low stretch shorter than 5 minutes", () => {
    const cadence = (t: number, v: number): number =>
      t >= 1200 && t < 1440 ? below(0.1)(t, v) : onLine(t, v);
    const a = analyseCadence(buildRun({ cadence }), population);
    expect(a.segments).toEqual([]);
    expect(a.flag).toBe("none");
  });

  it("keeps a 10-minute low stretch below 20% of a long run as a segment but leaves the run unflagged", () => {
    const cadence = (t: number, v: number): number =>
      t >= 1200 && t < 1800 ? below(0.08)(t, v) : onLine(t, v);
    const a = analyseCadence(buildRun({ cadence, durationS: 5400 }), population);
    expect(a.segments).toHaveLength(1);
    expect(a.flaggedFraction).toBeLessThan(0.2);
    expect(a.flag).toBe("none");
  });

  it("breaks a stretch at a pause and counts only running time", () => {
    // Minutes 20–24 low, a 2-minute stop, minutes 26–30 low: neither side reaches 5 minutes.
    const speed = (t: number): number => (t >= 1440 && t < 1560 ? 0 : 3);
    const cadence = (t: number, v: number): number =>
      t >= 1200 && t < 1800 ? below(0.08)(t, v) : onLine(t, v);
    const a = analyseCadence(buildRun({ speed, cadence }), population);
    expect(a.segments).toEqual([]);
    expect(a.runningS).toBeLessThan(3500);
  });

  it("uses running samples only: walking breaks with low cadence do not count", () => {
    const speed = (t: number): number => (Math.floor(t / 300) % 4 === 3 ? 1.2 : 3);
    const cadence = (t: number, v: number): number => (v < 1.5 ? 110 : onLine(t, v));
    const a = analyseCadence(buildRun({ speed, cadence }), population);
    expect(a.flag).toBe("none");
    expect(a.runningS).toBeCloseTo(2700, -2);
  });

  it("checks absolute low cadence against the population line minus 16 spm", () => {
    const low = analyseCadence(buildRun({ cadence: (_t, v) => 150 + 6 * v - 20 }), population);
    expect(low.absoluteLow).toBe(true);
    expect(low.populationCadenceSpm).toBeCloseTo(168, 3);
    const fine = analyseCadence(buildRun({ cadence: (_t, v) => 150 + 6 * v - 10 }), population);
    expect(fine.absoluteLow).toBe(false);
  });

  it("sees a late-run cadence drop after the warm-up", () => {
    // 60 min: warm-up 10 min, then quarters of 12.5 min; the last quarter runs 5% low.
    const cadence = (t: number, v: number): number => (t >= 600 + 3 * 750 ? below(0.05)(t, v) : onLine(t, v));
    const a = analyseCadence(buildRun({ cadence }), population);
    expect(a.lateDrop?.flagged).toBe(true);
    expect(a.lateDrop?.dropPoints).toBeCloseTo(5, 0);
    const steady = analyseCadence(buildRun({ cadence: onLine }), population);
    expect(steady.lateDrop?.flagged).toBe(false);
  });

  it("reads a stretch's and the quarters' medians the same when the sample times step back once", () => {
    // 1 s samples at 3 m/s (168 spm expected): 15 min at 140–159 spm from 20:00, the last quarter at 160 spm.
    const running = (glitch: boolean): RunningSamples => {
      const n = 3600;
      const at = Float64Array.from({ length: n }, (_, i) => (glitch && i === 3000 ? 2998.5 : i));
      const breakBefore = new Uint8Array(n);
      breakBefore[0] = 1;
      return {
        timeS: at,
        dtS: new Float64Array(n).fill(1),
        runningAtS: at.slice(),
        speedMps: new Float64Array(n).fill(3),
        cadenceSpm: Float64Array.from({ length: n }, (_, i) =>
          i >= 1200 && i < 2100 ? 140 + ((i * 7) % 20) : i >= 2850 ? 160 : 168,
        ),
        breakBefore,
        sourceIndex: Int32Array.from({ length: n }, (_, i) => i),
        totalRunningS: n,
      };
    };
    const none = {
      stepLengthM: null,
      verticalRatioPct: null,
      verticalOscillationMm: null,
      stanceTimeMs: null,
    };
    const analyse = (glitch: boolean) => {
      const prepared = {
        key: thresholdsKey(withDefaults()),
        running: running(glitch),
        reference: null,
        dynamics: none,
      };
      const run: Run = { ...buildRun(), series: null, prepared };
      return analyseCadence(run, population);
    };
    const inOrder = analyse(false);
    expect(inOrder.segments).toHaveLength(1);
    expect(inOrder.segments[0]).toMatchObject({
      startS: 1200,
      endS: 2100,
      durationS: 900,
      medianCadenceSpm: 149.5,
      medianSpeedMps: 3,
      medianExpectedSpm: 168,
      marked: true,
    });
    expect(inOrder.segments[0]?.medianResidualPct).toBeCloseTo((-18.5 / 168) * 100, 10);
    expect(inOrder.lateDrop?.firstQuarterResidualPct).toBe(0);
    expect(inOrder.lateDrop?.lastQuarterResidualPct).toBeCloseTo((-8 / 168) * 100, 10);
    expect(analyse(true)).toStrictEqual(inOrder);
  });

  it("does not judge a late drop on a run too short for four 5-minute quarters after the warm-up", () => {
    expect(analyseCadence(buildRun({ durationS: 1500 }), population).lateDrop).toBeNull();
  });

  it("falls back to session averages for a summary-only run, and to nothing without them", () => {
    const run = { ...buildRun(), series: null, avgSpeedMps: 3, avgCadenceSpm: 150 };
    const a = analyseCadence(run, population);
    expect(a.basis).toBe("summary");
    expect(a.medianResidualPct).toBeCloseTo(((150 - 168) / 168) * 100, 6);
    expect(a.flag).toBe("marked");
    expect(analyseCadence({ ...run, avgCadenceSpm: null }, population).basis).toBe("none");
  });
});

describe("cadenceChartSeries()", () => {
  it("downsamples to at most maxPoints with expected cadence beside measured", () => {
    const chart = cadenceChartSeries(buildRun({ dtS: 1 }), population, 100);
    expect(chart.timeS.length).toBeLessThanOrEqual(100);
    expect(chart.timeS.length).toBeGreaterThan(90);
    expect(chart.expectedSpm[10]).toBeCloseTo(168, 3);
    expect(chart.cadenceSpm[10]).toBeCloseTo(168, 3);
  });
});
