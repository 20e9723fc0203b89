import { describe, expect, it } from "vitest";
import { correlateAll, type Exposure, type Hypothesis } from "../../server/core/correlation.ts";
import { addDays } from "../../server/core/dates.ts";
import type { RunPainOutcome } from "../../server/core/pain-outcomes.ts";

/** Eligible runs, one every other day: `flagged` flags with `flaggedPain` pain events, then the unflagged. */
function table(flagged: number, flaggedPain: number, unflagged: number, unflaggedPain: number) {
  const outcomes: RunPainOutcome[] = [];
  const exposure = new Map<number, boolean | null>();
  const add = (isFlagged: boolean, pain: boolean): void => {
    const id = outcomes.length + 1;
    // Interleave flagged and unflagged runs so every week holds both.
    const localDate = addDays("2026-01-05", 2 * id);
    outcomes.push({
      runId: id,
      localDate,
      preRunSeverity: 0,
      baseline: 0,
      startedPainFree: true,
      covered: true,
      maxSeverity: pain ? 4 : 0,
      painEvent: pain,
      painDates: pain ? [localDate] : [],
      eligible: true,
    });
    exposure.set(id, isFlagged);
  };
  const total = flagged + unflagged;
  let f = 0;
  let u = 0;
  for (let i = 0; i < total; i++) {
    const takeFlagged = f < flagged && (u >= unflagged || (i * flagged) / total >= f);
    if (takeFlagged) add(true, f++ < flaggedPain);
    else add(false, u++ < unflaggedPain);
  }
  return { outcomes, exposure };
}

const only = (h: Hypothesis, exposure: Exposure) => new Map([[h, exposure]]);

describe("correlateAll()", () => {
  it("reproduces the worked example: 4/8 vs 3/22 → RR 3.67 (1.04–12.9), p ≈ 0.06, no clear link", () => {
    const { outcomes, exposure } = table(8, 4, 22, 3);
    const [r] = correlateAll(only("mileage_spike", exposure), outcomes);
    expect(r).toMatchObject({
      eligibleRuns: 30,
      flaggedRuns: 8,
      flaggedWithPain: 4,
      unflaggedRuns: 22,
      unflaggedWithPain: 3,
    });
    expect(r?.relativeRisk).toBeCloseTo(3.67, 2);
    expect(r?.ci95?.[0]).toBeCloseTo(1.04, 2);
    expect(r?.ci95?.[1]).toBeCloseTo(12.9, 1);
    expect(r?.pValueRaw).toBeCloseTo(0.06, 2);
    expect(r?.verdict).toBe("no_clear_link");
    expect(r?.explanation).toContain(
      "Pain followed 4 of 8 runs with a mileage spike (50%) and 3 of 22 other runs (14%).",
    );
    expect(r?.flaggedRisk.p).toBe(0.5);
    // Under the full rule (simulated grid), 30 runs with 8 flagged: a real tripling is called a link about 1 time in 8.
    expect(r?.powerForRr3).toBeGreaterThan(0.05);
    expect(r?.powerForRr3).toBeLessThan(0.3);
    expect(r?.explanation).toMatch(
      /even a real tripling of risk would be called a link only about \d0% of the time/,
    );

    // Words first: how sure in words, the figures only in the details, rounded to what the data can carry.
    expect(r?.explanation).toContain("Pain was about 3.7 times as likely after a spike");
    expect(r?.explanation).not.toMatch(/CI|p [<=]|\d\.\d\d/);
    expect(r?.explanationDetails).toContain("Risk ratio 3.7 (95% CI 1.0 to 13).");
    expect(r?.explanationDetails).toMatch(
      /Fisher's exact test p = 0\.\d\d, Holm-adjusted for testing 1 idea\./,
    );
  });

  it("Holm-adjusts Fisher's p across the fixed hypotheses", () => {
    const { outcomes, exposure } = table(8, 4, 22, 3);
    const results = correlateAll(
      new Map([
        ["overstriding", exposure],
        ["mileage_spike", exposure],
      ]),
      outcomes,
    );
    expect(results.map((r) => r.hypothesis)).toEqual(["overstriding", "mileage_spike"]);
    expect(results[0]?.pValue).toBeCloseTo(Math.min(1, 2 * (results[0]?.pValueRaw ?? 0)), 12);
  });

  it("keeps both fixed hypotheses in the Holm family even when one has no p-value", () => {
    const { outcomes, exposure } = table(8, 4, 22, 3);
    const noneFlagged = new Map([...exposure.keys()].map((id) => [id, false]));
    const [over, spike] = correlateAll(
      new Map([
        ["overstriding", noneFlagged],
        ["mileage_spike", exposure],
      ]),
      outcomes,
    );
    expect(over?.pValue).toBeNull();
    expect(spike?.pValue).toBeCloseTo(Math.min(1, 2 * (spike?.pValueRaw ?? 0)), 12);
  });

  it("needs 5 eligible runs without pain: 30 pain-only entries give no verdict", () => {
    const { outcomes, exposure } = table(5, 5, 25, 25);
    const [r] = correlateAll(only("overstriding", exposure), outcomes);
    expect(r?.verdict).toBe("not_enough_data");
    expect(r?.missing).toEqual(["5 more runs followed by no flare (a pain-free day logged, or declared)"]);
  });

  it("calls a strong, consistent association 'linked' and runs the permutation guard", () => {
    const { outcomes, exposure } = table(10, 8, 30, 3);
    const [r] = correlateAll(only("overstriding", exposure), outcomes);
    expect(r?.verdict).toBe("linked");
    expect(r?.ci95?.[0]).toBeGreaterThan(1);
    expect(r?.pValue).toBeLessThan(0.05);
    expect(r?.permutationP).toBeLessThan(0.05);
    expect(r?.explanation).toMatch(/association, not proof/);
    expect(r?.explanation).toMatch(/would (very )?rarely come from chance alone/);
    expect(r?.explanation).not.toMatch(/CI|p [<=]/);
    expect(r?.explanationDetails).toMatch(/Within-week shuffle test .* p [<=] /);
    // Seeded: the same answer every time.
    expect(correlateAll(only("overstriding", exposure), outcomes)[0]?.permutationP).toBe(r?.permutationP);
  });

  it("says 'not enough data' below 20 eligible runs, and what is missing", () => {
    const { outcomes, exposure } = table(6, 4, 13, 1);
    const [r] = correlateAll(only("mileage_spike", exposure), outcomes);
    expect(r?.verdict).toBe("not_enough_data");
    expect(r?.missing).toEqual([
      "1 more run that started pain-free, with pain or a pain-free day logged within 2 days after",
    ]);
    expect(r?.explanation).toMatch(/Not enough data yet/);
  });

  it("asks for more flagged runs and pain events when those are short", () => {
    const { outcomes, exposure } = table(3, 1, 30, 1);
    const [r] = correlateAll(only("mileage_spike", exposure), outcomes);
    expect(r?.verdict).toBe("not_enough_data");
    expect(r?.missing).toEqual([
      "2 more runs with a mileage spike",
      "1 more pain event (a flare of 3/10 or more, 2 points above how the run started)",
    ]);
  });

  it("leaves out runs whose exposure cannot be judged and counts unlogged runs", () => {
    const { outcomes, exposure } = table(8, 4, 22, 3);
    exposure.set(1, null);
    outcomes.push({ ...(outcomes[1] as RunPainOutcome), runId: 99, covered: false, eligible: false });
    exposure.set(99, false);
    const [r] = correlateAll(only("mileage_spike", exposure), outcomes);
    expect(r?.eligibleRuns).toBe(29);
    expect(r?.unloggedRuns).toBe(1);
  });

  it("gives no risk ratio when no run was followed by pain", () => {
    const { outcomes, exposure } = table(8, 0, 22, 0);
    const [r] = correlateAll(only("overstriding", exposure), outcomes);
    expect(r?.relativeRisk).toBeNull();
    expect(r?.ci95).toBeNull();
    expect(r?.verdict).toBe("not_enough_data");
  });

  it("does not call a link when flags and pain only coincide by week (the block permutation guard)", () => {
    // Weeks 1–3 hold only flagged runs, most followed by pain; weeks 4–10 only unflagged, rarely.
    const outcomes: RunPainOutcome[] = [];
    const exposure = new Map<number, boolean | null>();
    for (let week = 0; week < 10; week++) {
      for (let k = 0; k < 4; k++) {
        const id = outcomes.length + 1;
        const flagged = week < 3;
        const pain = flagged ? k < 3 : k === 0 && week % 3 === 0;
        const localDate = addDays("2026-01-05", 7 * week + k);
        outcomes.push({
          runId: id,
          localDate,
          preRunSeverity: 0,
          baseline: 0,
          startedPainFree: true,
          covered: true,
          maxSeverity: pain ? 4 : 0,
          painEvent: pain,
          painDates: [],
          eligible: true,
        });
        exposure.set(id, flagged);
      }
    }
    const [r] = correlateAll(only("overstriding", exposure), outcomes);
    expect(r?.ci95?.[0]).toBeGreaterThan(1);
    expect(r?.pValue).toBeLessThan(0.05);
    expect(r?.permutationP).toBe(1);
    expect(r?.verdict).toBe("no_clear_link");
    expect(r?.explanation).toMatch(/within each week/);
  });
});
