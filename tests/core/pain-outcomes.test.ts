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
    expect(inPain?.baseline).toBeNull();
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

  it("needs a flare of max(3, pre-run pain + 2): 2/10 is never one, 4 after a start at 3 is not, 5 is", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000)];
    const overZero = painOutcomes(runs, [...painFreeWeek("2026-05-10"), painEntry("2026-05-10", 2)])[0];
    expect(overZero?.baseline).toBe(0);
    expect(overZero?.painEvent).toBe(false);
    const constant = painFreeWeek("2026-05-10").map((e) => ({
      ...e,
      severity: 3,
      location: "lateral" as const,
    }));
    const mild = painOutcomes(runs, [...constant, painEntry("2026-05-10", 4)])[0];
    expect(mild?.baseline).toBe(3);
    expect(mild?.eligible).toBe(true);
    expect(mild?.painEvent).toBe(false);
    expect(painOutcomes(runs, [...constant, painEntry("2026-05-10", 5)])[0]?.painEvent).toBe(true);
  });

  it("lets a runner with constant 3/10 pain start runs, but not one that starts in a flare", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000)];
    const week = painFreeWeek("2026-05-10").map((e, k) => ({
      ...e,
      severity: k === 0 ? 6 : 3,
      location: "lateral" as const,
    }));
    const flaring = painOutcomes(runs, [...week, painEntry("2026-05-10", 8)])[0];
    expect(flaring?.preRunSeverity).toBe(6);
    expect(flaring?.baseline).toBe(3);
    expect(flaring?.startedPainFree).toBe(false);
  });

  it("does not let an entry written before the run ended be its outcome", () => {
    const runs = [summaryRun(1, "2026-05-09", 8000), summaryRun(2, "2026-05-10", 8000, 18)];
    const morning = painEntry("2026-05-10", 5, { loggedAt: "2026-05-10T08:00:00.000Z" });
    const [first, second] = painOutcomes(runs, [morning]);
    expect(second?.painEvent).toBe(false);
    expect(second?.preRunSeverity).toBe(5);
    expect(first?.painEvent).toBe(true);
  });

  it("marks an outcome written more than 3 days after its date as recalled", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000)];
    const late = painEntry("2026-05-10", 5, { loggedAt: "2026-05-14T09:00:00.000Z" });
    const onTime = painEntry("2026-05-10", 5, { loggedAt: "2026-05-13T22:00:00.000Z" });
    expect(painOutcomes(runs, [late])[0]?.outcomeRecalled).toBe(true);
    expect(painOutcomes(runs, [onTime])[0]?.outcomeRecalled).toBe(false);
  });

  it("counts days assumed pain-free apart from logged ones", () => {
    const runs = [summaryRun(1, "2026-05-10", 8000), summaryRun(2, "2026-05-12", 8000)];
    const assumed = ["2026-05-10", "2026-05-11", "2026-05-12", "2026-05-13"].map((date) => ({
      date,
      retrospective: true,
    }));
    const [a, b] = painOutcomes(runs, [painEntry("2026-05-12", 0)], {}, assumed);
    expect(a).toMatchObject({
      eligible: true,
      painEvent: false,
      outcomeAssumed: true,
      outcomeRetrospective: true,
    });
    expect(b).toMatchObject({ eligible: true, painEvent: false, outcomeAssumed: false });
  });
});
