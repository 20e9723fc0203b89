import { describe, expect, it } from "vitest";
import { parseFit } from "../../fit-parser/index.ts";
import { fitCadenceModel, populationModel } from "../../server/core/cadence-model.ts";
import { analyseCadence } from "../../server/core/overstriding.ts";
import { prepareRun } from "../../server/core/prepared-run.ts";
import { runTrendPoint } from "../../server/core/trends.ts";
import type { Run } from "../../server/core/types.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";
import { buildRun } from "./run-builder.ts";

/** The same run with its series swapped for what prepareRun worked out from it. */
function prepared(run: Run): Run {
  if (!run.series) throw new Error("a run with a series is needed");
  return { ...run, series: null, prepared: prepareRun(run.series) };
}

function corpusRuns(): Run[] {
  return corpusFiles().flatMap((name) => {
    const parsed = parseFit(readCorpusFile(name));
    if (!parsed.ok) return [];
    return parsed.activities
      .filter((a) => a.sport === "running")
      .map((a, i) => ({ id: i + 1, ...a, distanceM: a.distanceM ?? 0, series: a.samples }));
  });
}

/** Twelve weeks of runs at 2.5–4.2 m/s, some with a late cadence drop: enough for a personal quadratic line. */
function history(): Run[] {
  return Array.from({ length: 24 }, (_, i) => {
    const base = 2.5 + (i % 6) * 0.3;
    return buildRun({
      id: i + 1,
      date: `2026-0${3 + Math.floor(i / 10)}-${String(1 + (i % 10) * 2).padStart(2, "0")}`,
      durationS: 1800 + 300 * (i % 5),
      dtS: 1,
      speed: (t) => base + 0.4 * Math.sin(t / 300),
      cadence: (t, v) => 148 + 7 * v + (i % 4 === 0 && t > 1500 ? -12 : 0) + Math.sin(t) * 2,
    });
  });
}

describe("prepareRun()", () => {
  const real = corpusRuns();
  const generated = history();
  const personal = fitCadenceModel(generated);

  it("has real running sessions and a personal model to compare under", () => {
    expect(real.length).toBeGreaterThanOrEqual(8);
    expect(personal.kind).toBe("personal");
  });

  it("gives the same model fit as the series it was made from", () => {
    expect(fitCadenceModel(generated.map(prepared))).toEqual(personal);
    expect(fitCadenceModel(real.map(prepared))).toEqual(fitCadenceModel(real));
  });

  it("gives the same cadence findings and trend point, on real files and generated runs", () => {
    let withSeries = 0;
    for (const run of [...real, ...generated]) {
      for (const model of [personal, populationModel("test")]) {
        const fromSeries = analyseCadence(run, model);
        expect(analyseCadence(prepared(run), model)).toEqual(fromSeries);
        expect(runTrendPoint(prepared(run), model, 3.1)).toEqual(runTrendPoint(run, model, 3.1));
        if (fromSeries.basis === "series") withSeries++;
      }
    }
    expect(withSeries).toBeGreaterThan(30);
  });

  it("keeps running samples in typed arrays that each own their whole buffer, none shared between runs", () => {
    // The result is retained and its buffers are transferred between threads: a view of a shared scratch would break.
    const buffers = new Set<ArrayBufferLike>();
    for (const run of [...real, ...generated]) {
      const running = prepareRun({ ...(run.series ?? fail()) }).running;
      if (!running) continue;
      for (const column of Object.values(running)) {
        if (!ArrayBuffer.isView(column)) continue;
        expect(column.byteOffset).toBe(0);
        expect(column.byteLength).toBe(column.buffer.byteLength);
        expect(buffers.has(column.buffer)).toBe(false);
        buffers.add(column.buffer);
      }
    }
    expect(buffers.size).toBeGreaterThan(7 * 20);
  });

  it("keeps the running dynamics a watch recorded", () => {
    const dynamics = real.map((r) => prepareRun(r.series ?? fail()).dynamics);
    expect(dynamics.some((d) => d.stepLengthM !== null && d.verticalRatioPct !== null)).toBe(true);
  });

  it("is not used under other thresholds: the series is read, or the session averages without one", () => {
    const run = generated[0] as Run;
    const both = { ...run, prepared: prepareRun(run.series ?? fail()) };
    const strict = { smoothingWindowS: 5 };
    expect(analyseCadence(both, personal, strict)).toEqual(analyseCadence(run, personal, strict));
    expect(analyseCadence(both, personal, strict)).not.toEqual(analyseCadence(both, personal));
    const withoutSeries = { ...both, series: null, avgCadenceSpm: 170 };
    expect(analyseCadence(withoutSeries, personal, strict).basis).toBe("summary");
    expect(analyseCadence(withoutSeries, personal).basis).toBe("series");
  });
});

function fail(): never {
  throw new Error("expected a series");
}
