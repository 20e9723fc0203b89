import { describe, expect, it } from "vitest";
import { cadenceExposure } from "../../server/core/cadence-exposure.ts";
import { populationModel } from "../../server/core/cadence-model.ts";
import { addDays } from "../../server/core/dates.ts";
import { analyzeCadence } from "../../server/core/overstriding.ts";
import { withDefaults } from "../../server/core/thresholds.ts";
import type { Run } from "../../server/core/types.ts";
import { summaryRun } from "./run-builder.ts";

/** Two years of summary runs at 3 m/s every 4 days: the first year 7% under today's cadence (168 spm). */
function drifted(): Run[] {
  const runs: Run[] = [];
  for (let d = 0; d < 730; d += 4) {
    const run = summaryRun(runs.length + 1, addDays("2024-01-01", d), 8000);
    runs.push({ ...run, avgCadenceSpm: d < 365 ? 156 : 168 });
  }
  return runs;
}

describe("cadenceExposure()", () => {
  const model = populationModel("test");
  const judge = (runs: Run[]) =>
    cadenceExposure(runs, new Map(runs.map((r) => [r.id, analyzeCadence(r, model)])), withDefaults());

  it("does not read a whole older era of lower cadence as overstriding", () => {
    const runs = drifted();
    const exposure = judge(runs);
    const flagged = runs.filter((r) => exposure.get(r.id)).length;
    expect(flagged).toBe(0);
  });

  it("still flags a run 5% or more below its own era", () => {
    const runs = drifted();
    runs[20] = { ...(runs[20] as Run), avgCadenceSpm: 145 };
    runs[150] = { ...(runs[150] as Run), avgCadenceSpm: 155 };
    const exposure = judge(runs);
    expect(runs.filter((r) => exposure.get(r.id)).map((r) => r.id)).toEqual([21, 151]);
  });

  it("leaves treadmill and trail runs unjudged", () => {
    const runs = drifted().map((r, i) =>
      i === 3 ? { ...r, subSport: "treadmill" } : i === 4 ? { ...r, subSport: "trail" } : r,
    );
    const exposure = judge(runs);
    expect(exposure.get(4)).toBeNull();
    expect(exposure.get(5)).toBeNull();
    expect(exposure.get(6)).toBe(false);
  });
});
