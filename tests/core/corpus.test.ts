import { describe, expect, it } from "vitest";
import { parseFit } from "../../fit-parser/index.ts";
import { populationModel } from "../../server/core/cadence-model.ts";
import { analyseCadence } from "../../server/core/overstriding.ts";
import { weeklyTrends } from "../../server/core/trends.ts";
import type { Run } from "../../server/core/types.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";

/** Every running session in the shared corpus, as core runs. */
function corpusRuns(): Array<{ name: string; run: Run }> {
  const out: Array<{ name: string; run: Run }> = [];
  for (const name of corpusFiles()) {
    const parsed = parseFit(readCorpusFile(name));
    if (!parsed.ok) continue;
    parsed.activities
      .filter((a) => a.sport === "running")
      .forEach((a, i) =>
        out.push({
          name: `${name}#${i}`,
          run: { id: i + 1, ...a, distanceM: a.distanceM ?? 0, series: a.samples },
        }),
      );
  }
  return out;
}

describe("analyseCadence() on real watch files", () => {
  const runs = corpusRuns();
  const model = populationModel("corpus");

  it("finds running sessions with cadence in the corpus", () => {
    expect(
      runs.filter(({ run }) => analyseCadence(run, model).basis === "series").length,
    ).toBeGreaterThanOrEqual(8);
  });

  it.each(runs.map((r) => [r.name, r.run] as const))(
    "gives plausible, finite findings for %s",
    (_name, run) => {
      const a = analyseCadence(run, model);
      if (a.basis === "none") return;
      expect(a.medianCadenceSpm).toBeGreaterThanOrEqual(120);
      expect(a.medianCadenceSpm).toBeLessThanOrEqual(240);
      expect(Math.abs(a.medianResidualPct ?? Infinity)).toBeLessThan(30);
      expect(a.flaggedFraction).toBeGreaterThanOrEqual(0);
      expect(a.flaggedFraction).toBeLessThanOrEqual(1);
      if (run.elapsedS !== null) expect(a.runningS).toBeLessThanOrEqual(run.elapsedS + 60);
      for (const seg of a.segments) {
        expect(seg.durationS).toBeGreaterThanOrEqual(300);
        expect(seg.endS).toBeGreaterThan(seg.startS);
        expect(Number.isFinite(seg.medianExpectedSpm)).toBe(true);
      }
      const trend = weeklyTrends([run], model).runs[0];
      if (trend?.stepLengthM !== null) expect(trend?.stepLengthM).toBeLessThan(2.5);
    },
  );
});
