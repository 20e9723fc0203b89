import { describe, expect, it } from "vitest";
import { painOutcomes } from "../../server/core/pain-outcomes.ts";
import { painEntry, summaryRun } from "./run-builder.ts";

const painFreeWeek = (endDate: string) =>
  Array.from({ length: 7 }, (_, k) =>
    painEntry(
      new Date(Date.parse(`${endDate}T00:00:00Z`) - (k + 1) * 86_400_000).toISOString().slice(0, 10),
      0,
    ),
  );

describe("painOutcomes()", () => {
  it("gives a next-morning entry to the run the day before and an after-run entry to that day's run", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000), summaryRun(2, "2026-05-14", 8000)];
    const pain = [
      painEntry("2026-05-11", 4, { timing: "next_morning" }),
      painEntry("2026-05-14", 5, { timing: "after_run" }),
    ];
    const [a, b] = painOutcomes(runs, pain);
    expect(a?.painEvent).toBe(true);
    expect(a?.painDates).toEqual(["2026-05-11"]);
    expect(b?.painEvent).toBe(true);
  });

  it("gives pain after back-to-back runs to the most recent run", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000), summaryRun(2, "2026-05-11", 8000, 18)];
    const after = painOutcomes(runs, [painEntry("2026-05-11", 4, { timing: "after_run" })]);
    expect(after.map((o) => o.painEvent)).toEqual([false, true]);
    expect(after[0]?.covered).toBe(false);
    // Felt on the morning of the 11th, before that evening's run: it belongs to the 10th's run.
    const morning = painOutcomes(runs, [painEntry("2026-05-11", 4, { timing: "next_morning" })]);
    expect(morning.map((o) => o.painEvent)).toEqual([true, false]);
  });

  it("keeps the window to 0–48 h in local dates", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000)];
    expect(painOutcomes(runs, [painEntry("2026-05-12", 4, { timing: "next_morning" })])[0]?.painEvent).toBe(
      true,
    );
    expect(painOutcomes(runs, [painEntry("2026-05-12", 4, { timing: "rest_or_night" })])[0]?.covered).toBe(
      false,
    );
  });

  it("does not count a run started in pain, unless that morning was logged pain-free", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000)];
    const inPain = painOutcomes(runs, [painEntry("2026-05-09", 4), painEntry("2026-05-10", 0)])[0];
    expect(inPain?.startedPainFree).toBe(false);
    expect(inPain?.eligible).toBe(false);
    const settled = painOutcomes(runs, [
      painEntry("2026-05-09", 4),
      painEntry("2026-05-10", 0, { timing: "next_morning" }),
    ])[0];
    expect(settled?.preRunSeverity).toBe(0);
    expect(settled?.startedPainFree).toBe(true);
  });

  it("needs a log entry in the window: an unlogged run is not counted as pain-free", () => {
    const [o] = painOutcomes([summaryRun(1, "2026-05-10", 8000)], []);
    expect(o?.covered).toBe(false);
    expect(o?.eligible).toBe(false);
  });

  it("counts pain 2 above a pain-free 7-day baseline, and not 2/10 over a baseline of 1", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000)];
    const overZero = painOutcomes(runs, [...painFreeWeek("2026-05-10"), painEntry("2026-05-10", 2)])[0];
    expect(overZero?.baseline).toBe(0);
    expect(overZero?.painEvent).toBe(true);
    const week = painFreeWeek("2026-05-10").map((e) => ({ ...e, severity: 1, location: "lateral" as const }));
    const overOne = painOutcomes(runs, [...week, painEntry("2026-05-10", 2)])[0];
    expect(overOne?.baseline).toBe(1);
    expect(overOne?.painEvent).toBe(false);
    expect(overOne?.eligible).toBe(true);
  });
});
