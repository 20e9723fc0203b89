import { describe, expect, it } from "vitest";
import { NOT_MEDICAL_ADVICE } from "../../server/core/advice.ts";
import { addDays } from "../../server/core/dates.ts";
import { computeInsights } from "../../server/core/insights.ts";
import type { PainEntry } from "../../server/core/pain.ts";
import { findRedFlags } from "../../server/core/red-flags.ts";
import type { Run } from "../../server/core/types.ts";
import { painEntry, summaryRun } from "./run-builder.ts";

const today = "2026-05-20";
/** 8 km a day up to 15 May, then a 14 km long run on Saturday 16 May. */
function history(): Run[] {
  const runs: Run[] = [];
  for (let d = -60; d < -4; d += 1) runs.push(summaryRun(runs.length + 1, addDays(today, d), 8_000));
  runs.push(summaryRun(runs.length + 1, "2026-05-16", 14_000));
  return runs;
}
const insights = (pain: PainEntry[], runs = history(), units: "km" | "mi" = "km") =>
  computeInsights({ runs, pain, today, units });

describe("advice", () => {
  it("explains a mileage spike in the runner's own numbers and dates, with the next-run ceiling", () => {
    const tip = insights([]).advice.find((t) => t.cause === "mileage_spike");
    expect(tip?.because).toContain(
      "Your run on Saturday 16 May (14.0 km) was 75% longer than any run in the 30 days before (8.0 km).",
    );
    expect(tip?.because.some((b) => b.startsWith("Keep your next run under 15.4 km"))).toBe(true);
    expect(tip?.source).toMatch(/Frandsen 2025/);
  });

  it("words distances in miles when asked", () => {
    const tip = insights([], history(), "mi").advice.find((t) => t.cause === "mileage_spike");
    expect(tip?.because[0]).toContain("(8.7 mi)");
    expect(tip?.because[0]).toContain("(5.0 mi)");
  });

  it("puts red flags first, whatever else the data shows", () => {
    const result = insights([painEntry("2026-05-18", 4, { redFlags: ["pain_at_rest_or_night"] })]);
    expect(result.redFlags[0]?.id).toBe("pain_at_rest_or_night");
    expect(result.advice[0]?.cause).toBe("red_flag");
    expect(result.advice[0]?.because[0]).toBe(
      "On Monday 18 May you logged that you had pain at rest or at night.",
    );
    expect(result.advice.length).toBeGreaterThan(1);
  });

  it("warns about a possible stress fracture with deep groin pain", () => {
    const result = insights([
      painEntry("2026-05-18", 5, {
        location: "deep_groin",
        redFlags: ["deep_groin_worse_with_running_or_hopping"],
      }),
    ]);
    expect(result.advice[0]?.body).toMatch(/stress fracture/);
  });

  it("books a check-up for pain ≥ 3/10 on 2 days a week for 3 weeks, and for pain rising week on week", () => {
    const onceAWeek = [0, 7, 14].map((k) => painEntry(addDays(today, -k - 1), 3));
    expect(findRedFlags(onceAWeek, today)).toEqual([]);
    const persisting = [0, 7, 14].flatMap((k) => [
      painEntry(addDays(today, -k - 1), 4),
      painEntry(addDays(today, -k - 3), 3),
    ]);
    const found = findRedFlags(persisting, today);
    expect(found.map((f) => [f.id, f.urgency])).toEqual([["persisting_pain", "check_up"]]);
    const advice = insights(persisting).advice;
    expect(advice[0]).toMatchObject({
      cause: "persisting_pain",
      title: "Book a check-up with a healthcare professional",
    });
    expect(advice.some((t) => t.cause === "red_flag")).toBe(false);
    const rising = [
      painEntry(addDays(today, -16), 1),
      painEntry(addDays(today, -9), 2),
      painEntry(addDays(today, -8), 3),
      painEntry(addDays(today, -2), 5),
    ];
    const flags = findRedFlags(rising, today);
    expect(flags.map((f) => f.id)).toEqual(["worsening_pain"]);
    expect(flags[0]?.message).toContain("1.0, 2.5 and 5.0/10");
    expect(insights(rising).advice[0]?.cause).toBe("persisting_pain");
  });

  it("pauses the next-run ceiling and the cadence increase while a red flag is open, saying why", () => {
    const runs = history();
    runs.push({ ...summaryRun(runs.length + 1, "2026-05-18", 7_000), avgCadenceSpm: 150 });
    const result = insights([painEntry("2026-05-19", 4, { redFlags: ["after_a_fall"] })], runs);
    expect(result.targetsPaused).toMatch(
      /^Paused while a red flag is open \(On Tuesday 19 May you logged that the pain came after a fall\)/,
    );
    expect(result.advice[0]?.title).toBe("Stop running and see a clinician now");
    const cadence = result.advice.find((t) => t.cause === "overstriding");
    expect(cadence?.body).toMatch(/^Cadence increase paused while a red flag is open/);
    expect(cadence?.body).not.toMatch(/Raise your cadence by 5%/);
    const mileage = result.advice.find((t) => t.cause === "mileage_spike");
    expect(mileage?.because.some((b) => b.startsWith("Next-run ceiling paused"))).toBe(true);
    expect(mileage?.because.some((b) => b.startsWith("Keep your next run under"))).toBe(false);
  });

  it("asks the hop question and names a stress fracture for deep groin pain ≥ 3 without a ticked red flag", () => {
    const result = insights([painEntry("2026-05-18", 6, { location: "deep_groin" })]);
    expect(result.redFlags.map((f) => [f.id, f.urgency])).toEqual([["deep_groin_pain", "now"]]);
    expect(result.redFlags[0]?.message).toMatch(/hurt to hop on that leg/);
    expect(result.advice[0]?.body).toMatch(/stress fracture of the femoral neck/);
    expect(insights([painEntry("2026-05-18", 2, { location: "deep_groin" })]).redFlags).toEqual([]);
  });

  it("swaps clamshells, side-lying abduction and pigeon pose for isometric abduction with outer-hip pain", () => {
    const plain = insights([]).advice.find((t) => t.cause === "mileage_spike");
    expect(plain?.body).toMatch(/clamshells/);
    const lateral = insights([painEntry("2026-05-18", 3, { location: "lateral" })]).advice.find(
      (t) => t.cause === "mileage_spike",
    );
    expect(lateral?.body).toMatch(/isometric hip abduction/);
    expect(lateral?.body).toMatch(/avoid crossing your legs and lying on that side/);
    expect(lateral?.body).toMatch(/instead of clamshells, side-lying abduction or pigeon pose/);
    expect(lateral?.source).toMatch(/Mellor 2018/);
  });

  it("gives inner-thigh (adductor) and buttock (proximal hamstring) pain their own tips, and says hip flexors 'may'", () => {
    const result = insights([
      painEntry("2026-05-17", 3, { location: "inner_thigh" }),
      painEntry("2026-05-18", 4, { location: "buttock" }),
      painEntry("2026-05-19", 3, { location: "anterior" }),
    ]);
    const byCause = new Map(result.advice.map((t) => [t.cause, t]));
    expect(byCause.get("inner_thigh_pain")?.body).toMatch(/Copenhagen adductor/);
    expect(byCause.get("inner_thigh_pain")?.source).toMatch(/Harøy 2019/);
    expect(byCause.get("buttock_pain")?.body).toMatch(/hamstring/);
    expect(byCause.get("buttock_pain")?.source).toMatch(/Goom/);
    expect(byCause.get("anterior_pain")?.title).toMatch(/may be/);
  });

  it("treats a weekly jump alone as context, not a trigger for the mileage tip", () => {
    // Three 8 km runs a week, then 6 runs of 8 km in the last week: +100% in a week, no single-run spike.
    const runs: Run[] = [];
    for (let d = -60; d < -7; d += 2) runs.push(summaryRun(runs.length + 1, addDays(today, d), 8_000));
    for (let d = -6; d <= 0; d += 1) runs.push(summaryRun(runs.length + 1, addDays(today, d), 8_000));
    const result = insights([], runs);
    expect(result.load.latestChange?.noted).toBe(true);
    expect(result.advice.find((t) => t.cause === "mileage_spike")).toBeUndefined();
  });

  it("does not call pain that is easing a red flag", () => {
    const easing = [
      painEntry(addDays(today, -16), 6),
      painEntry(addDays(today, -9), 4),
      painEntry(addDays(today, -2), 3),
    ];
    expect(findRedFlags(easing, today)).toEqual([]);
  });

  it("suggests quicker steps for a low-cadence run, gently (+5%) with front-of-hip pain", () => {
    const runs = history();
    runs.push({ ...summaryRun(runs.length + 1, "2026-05-18", 7_000), avgCadenceSpm: 150 });
    const result = insights(
      [painEntry("2026-05-19", 3, { location: "anterior", timing: "next_morning" })],
      runs,
    );
    const cadence = result.advice.find((t) => t.cause === "overstriding");
    expect(cadence?.because[0]).toMatch(
      /^On Monday 18 May your cadence was 150 spm at 5:33 \/km, 11% below the 168 spm expected/,
    );
    expect(cadence?.body).toMatch(/stay at \+5%/);
    // +5% from the runner's own cadence at that speed (the median of their recent weeks), not from a model.
    expect(cadence?.body).toContain("at your usual 5:33 /km, about 176 spm instead of your 168");
    expect(cadence?.body).toMatch(/film yourself side-on/);
    const flexors = result.advice.find((t) => t.cause === "anterior_pain");
    expect(flexors?.because[0]).toMatch(/front of the hip on 1 day\(s\).*worst 3\/10/);
  });

  it("sends persisting outer-hip pain to a professional", () => {
    const pain = [-20, -12, -3].map((k) => painEntry(addDays(today, k), 3, { location: "lateral" }));
    const tip = insights(pain).advice.find((t) => t.cause === "lateral_pain");
    expect(tip?.because[0]).toContain("on 3 days between");
    expect(tip?.source).toMatch(/Mellor 2018/);
  });

  it("gives every tip a reason with numbers and a source, and says it is not medical advice", () => {
    const result = insights([
      painEntry("2026-05-18", 4, { location: "anterior", redFlags: ["after_a_fall"] }),
    ]);
    expect(result.advice.length).toBeGreaterThanOrEqual(3);
    for (const tip of result.advice) {
      expect(tip.because.length).toBeGreaterThan(0);
      for (const reason of tip.because) expect(reason).toMatch(/\d/);
      expect(tip.source.length).toBeGreaterThan(10);
    }
    expect(result.disclaimer).toBe(NOT_MEDICAL_ADVICE);
    expect(result.disclaimer).toMatch(/not medical advice/);
  });

  it("gives no tips when nothing stands out", () => {
    const quiet = history().slice(0, -1);
    expect(insights([], quiet).advice).toEqual([]);
  });
});
