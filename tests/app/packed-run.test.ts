import { describe, expect, it } from "vitest";
import { parseFit } from "../../fit-parser/index.ts";
import { packRun, packedBytes, unpackRun } from "../../server/app/import/engine/packed-run.ts";
import { type PreparedRun, prepareRun } from "../../server/core/prepared-run.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";
import { buildRun } from "../core/run-builder.ts";

/** Every column of the running samples the same kind of array with the same bits (NaN matches NaN). */
function expectSame(actual: PreparedRun, expected: PreparedRun): void {
  const { running: a, ...restA } = actual;
  const { running: e, ...restE } = expected;
  expect(restA).toEqual(restE);
  expect(a === null).toBe(e === null);
  if (!a || !e) return;
  expect(Object.keys(a).sort()).toEqual(Object.keys(e).sort());
  for (const [name, value] of Object.entries(e) as [keyof typeof e, unknown][]) {
    const got = a[name];
    if (!ArrayBuffer.isView(value)) {
      expect(got).toBe(value);
      continue;
    }
    expect(got?.constructor, name).toBe(value.constructor);
    const values = Array.from(value as unknown as ArrayLike<number>);
    const back = got as unknown as ArrayLike<number>;
    expect(
      values.findIndex((v, i) => !Object.is(v, back[i])),
      name,
    ).toBe(-1);
  }
}

describe("packRun() and unpackRun()", () => {
  it("give back what was prepared, bit for bit, for every running session in the corpus", () => {
    let runs = 0;
    for (const name of corpusFiles()) {
      const parsed = parseFit(readCorpusFile(name));
      if (!parsed.ok) continue;
      for (const activity of parsed.activities) {
        if (activity.sport !== "running" || activity.samples.count === 0) continue;
        const prepared = prepareRun(activity.samples);
        expectSame(unpackRun(packRun(prepareRun(activity.samples))), prepared);
        runs++;
      }
    }
    expect(runs).toBeGreaterThanOrEqual(16);
  });

  it("keep an hour of 1 s running in about a quarter of the bytes, and come back whole from a worker", () => {
    const series = buildRun({ durationS: 3600, dtS: 1 }).series;
    if (!series) throw new Error("a series was expected");
    const prepared = prepareRun(series);
    const unpackedBytes = Object.values(prepared.running ?? {}).reduce(
      (sum: number, v: unknown) => sum + (ArrayBuffer.isView(v) ? v.byteLength : 0),
      0,
    );
    const packed = packRun(prepared);
    expect(packedBytes(packed)).toBeLessThan(unpackedBytes / 3);
    expect(packedBytes(packed)).toBeLessThan(3600 * 12);
    expectSame(unpackRun(structuredClone(packed)), prepared);
  });

  it("keeps a run without running samples as it is", () => {
    const series = buildRun({ durationS: 600, dtS: 1, speed: () => 0.5 }).series;
    if (!series) throw new Error("a series was expected");
    const prepared = prepareRun(series);
    expect(prepared.running).toBeNull();
    expectSame(unpackRun(packRun(prepared)), prepared);
  });
});
