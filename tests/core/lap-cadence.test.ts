import { describe, expect, it } from "vitest";
import { analyseCadence } from "../../server/core/overstriding.ts";
import { populationModel } from "../../server/core/cadence-model.ts";
import { lapMedianCadences } from "../../server/core/lap-cadence.ts";
import { buildRun } from "./run-builder.ts";

const at = (startUtc: string, s: number): string => new Date(Date.parse(startUtc) + s * 1000).toISOString();

describe("lapMedianCadences()", () => {
  // Three 10-minute laps at 160, 170 and 180 spm, with a 20-second walk (no running samples) opening lap 2.
  const run = buildRun({
    durationS: 1800,
    dtS: 1,
    speed: (t) => (t >= 600 && t < 620 ? 1.2 : 3),
    cadence: (t) => (t < 600 ? 160 : t < 1200 ? 170 : 180),
  });
  const laps = [0, 600, 1200].map((s) => ({ startUtc: at(run.startUtc, s), elapsedS: 600, timerS: 600 }));

  it("gives each lap the median of its own running samples, at full resolution", () => {
    expect(lapMedianCadences(run.series, run.startUtc, laps)).toEqual([160, 170, 180]);
  });

  it("uses the same samples as the run's own median, so the table and the run agree", () => {
    const whole = lapMedianCadences(run.series, run.startUtc, [
      { startUtc: run.startUtc, elapsedS: 1800, timerS: 1800 },
    ]);
    expect(whole[0]).toBe(170);
    // The analysis reads the same running samples for the run's median.
    expect(analyseCadence(run, populationModel("a test")).medianCadenceSpm).toBe(whole[0]);
  });

  it("gives null for a lap with no running samples and for a run without a series", () => {
    const walkOnly = [...laps, { startUtc: at(run.startUtc, 1800), elapsedS: 60, timerS: 60 }];
    expect(lapMedianCadences(run.series, run.startUtc, walkOnly).at(-1)).toBeNull();
    expect(lapMedianCadences(null, run.startUtc, laps)).toEqual([null, null, null]);
  });
});
