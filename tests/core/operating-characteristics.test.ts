import { describe, expect, it } from "vitest";
import { share, type DiaryKind, type PainModel } from "./pain-sim.ts";

// The verdict rule's operating characteristics, pinned on seeded histories (tests/core/pain-sim.ts): a run every
// other day; overstriding is the tested flag, the spike flag an independent 25%.

const linked = (r: { overstriding: { verdict: string }; spike: { verdict: string } }): boolean =>
  r.overstriding.verdict === "linked" || r.spike.verdict === "linked";

describe("false positives under the null (≥ 200 seeded histories each)", () => {
  it.each<[PainModel, DiaryKind]>([
    ["independent", "daily"],
    ["carried_over", "daily"],
    ["week_confounded", "daily"],
    ["independent", "declared"],
    ["week_confounded", "declared"],
  ])("%s pain, %s diary: either hypothesis 'linked' in ≤ 5%", (model, diary) => {
    const { rate } = share(200, { model, diary, runs: 100 }, linked);
    console.log(`null ${model}/${diary}: linked ${(100 * rate).toFixed(1)}%`);
    expect(rate).toBeLessThanOrEqual(0.05);
  });
});

describe("power with a real tripling of risk (RR 3, 30% flagged, baseline 20%)", () => {
  it("is ≥ 80% at 100 eligible runs with a daily diary, and the shown power is within 10 points", () => {
    const { rate, results } = share(
      300,
      { model: "linked", diary: "daily", runs: 100 },
      (r) => r.overstriding.verdict === "linked",
    );
    const eligible = results.reduce((s, r) => s + r.overstriding.eligibleRuns, 0) / results.length;
    const shown = results.reduce((s, r) => s + r.overstriding.powerForRr3, 0) / results.length;
    console.log(
      `daily, ${eligible.toFixed(0)} eligible: linked ${(100 * rate).toFixed(1)}%, shown ${(100 * shown).toFixed(1)}%`,
    );
    expect(eligible).toBe(100);
    expect(rate).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(shown - rate)).toBeLessThanOrEqual(0.1);
  });

  it.each([40, 60])(
    "shown power is within 10 points of simulated at %i eligible runs (daily diary)",
    (runs) => {
      const { rate, results } = share(
        300,
        { model: "linked", diary: "daily", runs },
        (r) => r.overstriding.verdict === "linked",
        5,
      );
      const shown = results.reduce((s, r) => s + r.overstriding.powerForRr3, 0) / results.length;
      console.log(
        `daily, ${runs} runs: linked ${(100 * rate).toFixed(1)}%, shown ${(100 * shown).toFixed(1)}%`,
      );
      expect(Math.abs(shown - rate)).toBeLessThanOrEqual(0.1);
    },
  );

  it("is the same with pain days only under a declaration, which says how many runs rest on assumed zeros", () => {
    const { rate, results } = share(
      300,
      { model: "linked", diary: "declared", runs: 100 },
      (r) => r.overstriding.verdict === "linked",
    );
    const cc =
      results.filter((r) => r.overstriding.completeCase.verdict === "linked").length / results.length;
    console.log(
      `declared: linked ${(100 * rate).toFixed(1)}%, complete case linked ${(100 * cc).toFixed(1)}%`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.8);
    const first = results[0]?.overstriding;
    expect(first?.assumedPainFreeRuns).toBe(
      (first?.eligibleRuns ?? 0) - (first?.flaggedWithPain ?? 0) - (first?.unflaggedWithPain ?? 0),
    );
    expect(first?.retrospectiveRuns).toBeGreaterThan(0);
    expect(first?.explanation, first?.explanation).toMatch(/declared afterwards/);
    // Logged pain days alone hold (almost) no pain-free runs: the complete case is never a link.
    expect(cc).toBe(0);
  });

  it("is nil with pain days only and no declaration: the answer stays 'not enough data', never 'no link'", () => {
    const { rate, results } = share(
      200,
      { model: "linked", diary: "undeclared", runs: 100 },
      (r) => r.overstriding.verdict === "linked",
    );
    expect(rate).toBe(0);
    const verdicts = new Set(results.map((r) => r.overstriding.verdict));
    expect([...verdicts]).toEqual(["not_enough_data"]);
  });

  it("gives a runner with constant 3/10 pain and flares after flagged runs a verdict, usually 'linked'", () => {
    const { rate, results } = share(
      200,
      { model: "constant_with_flares", diary: "daily", runs: 100 },
      (r) => r.overstriding.verdict === "linked",
    );
    console.log(`constant pain with flares: linked ${(100 * rate).toFixed(1)}%`);
    expect(results.every((r) => r.overstriding.eligibleRuns >= 60)).toBe(true);
    expect(rate).toBeGreaterThanOrEqual(0.7);
  });
});
