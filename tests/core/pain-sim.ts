import { correlateAll, type CorrelationResult, type Hypothesis } from "../../server/core/correlation.ts";
import { addDays } from "../../server/core/dates.ts";
import type { PainEntry } from "../../server/core/pain.ts";
import { assumedPainFreeDays, declareDiary, DEFAULT_PAIN_DIARY } from "../../server/core/pain-diary.ts";
import { painOutcomes } from "../../server/core/pain-outcomes.ts";
import { seededRandom } from "../../server/core/random.ts";
import type { Run } from "../../server/core/types.ts";

// Seeded pain histories for the operating characteristics of the verdict rule (pure core, no FIT, no DB).

/** How pain arises: null models (independent, carried over, week-confounded), a true link, or constant pain. */
export type PainModel =
  "independent" | "carried_over" | "week_confounded" | "linked" | "constant_with_flares";
/** daily: every day logged (0 on pain-free days); declared: only days ≥ 3/10 logged under a pain_days
 *  declaration made on the last day; undeclared: only pain days, no declaration. */
export type DiaryKind = "daily" | "declared" | "undeclared";

export interface SimOptions {
  model: PainModel;
  diary: DiaryKind;
  /** Runs, one every other day (so a flare on a run day has settled before the next run). */
  runs: number;
  seed: number;
  /** Chance a run is flagged (the tested hypothesis); the other hypothesis is an independent 25%. */
  flaggedShare?: number;
  /** Flare chance after an unflagged run; after a flagged one it is × rr (linked models). */
  baselineRisk?: number;
  rr?: number;
}

export interface SimResult {
  overstriding: CorrelationResult;
  spike: CorrelationResult;
}

const START = "2026-01-05"; // a Monday

/** One seeded history through the real outcome rules and correlation: overstriding is the tested flag. */
export function simulate(o: SimOptions): SimResult {
  const random = seededRandom(o.seed);
  const f = o.flaggedShare ?? 0.3;
  const p0 = o.baselineRisk ?? 0.2;
  const rr = o.rr ?? 3;
  const runs: Run[] = [];
  const flagged = new Map<number, boolean | null>();
  const other = new Map<number, boolean | null>();
  const severity = new Map<string, number>();
  const days = 2 * o.runs;
  const lastDay = addDays(START, days - 1);
  let carry = 0;

  for (let w = 0; w < Math.ceil(days / 7); w++) {
    const bad = o.model === "week_confounded" && random() < 0.3;
    for (let d = 0; d < 7 && 7 * w + d < days; d++) {
      const date = addDays(START, 7 * w + d);
      const base = o.model === "constant_with_flares" ? 3 : 0;
      // Carried-over pain: flares that start at random and last days, unrelated to the runs.
      if (o.model === "carried_over") {
        carry = carry > 0 && random() < 0.6 ? carry : random() < 0.08 ? 4 + Math.floor(random() * 3) : 0;
      }
      let pain = Math.max(base, carry);
      if ((7 * w + d) % 2 === 0) {
        const id = runs.length + 1;
        const isFlagged = random() < (bad ? 0.6 : o.model === "week_confounded" ? 0.15 : f);
        runs.push(runOn(id, date));
        flagged.set(id, isFlagged);
        other.set(id, random() < 0.25);
        const risk =
          o.model === "linked" || o.model === "constant_with_flares"
            ? isFlagged
              ? Math.min(1, p0 * rr)
              : p0
            : o.model === "week_confounded"
              ? bad
                ? 0.45
                : 0.1
              : o.model === "independent"
                ? p0
                : 0;
        if (random() < risk) pain = Math.max(pain, base + 3 + Math.floor(random() * 3));
      }
      severity.set(date, pain);
    }
  }
  const pain: PainEntry[] = [];
  let id = 1;
  for (const [date, s] of severity) {
    if (o.diary !== "daily" && s < 3) continue;
    pain.push({
      id: id++,
      date,
      severity: s,
      location: s > 0 ? "lateral" : null,
      side: null,
      timing: "after_run",
      note: "",
      redFlags: [],
      loggedAt: `${lastDay}T20:00:00.000Z`,
    });
  }
  const diary =
    o.diary === "declared"
      ? declareDiary(DEFAULT_PAIN_DIARY, { mode: "pain_days", since: START }, lastDay)
      : DEFAULT_PAIN_DIARY;
  const assumed = assumedPainFreeDays(diary, new Set(pain.map((e) => e.date)), [lastDay], lastDay);
  const outcomes = painOutcomes(runs, pain, {}, assumed);
  const exposures = new Map<Hypothesis, ReadonlyMap<number, boolean | null>>([
    ["overstriding", flagged],
    ["mileage_spike", other],
  ]);
  const [overstriding, spike] = correlateAll(
    exposures,
    outcomes,
    {},
    assumed.length > 0 ? { completeCase: painOutcomes(runs, pain) } : {},
  );
  if (!overstriding || !spike) throw new Error("both hypotheses are always answered");
  return { overstriding, spike };
}

function runOn(id: number, date: string): Run {
  return {
    id,
    startUtc: `${date}T07:00:00.000Z`,
    localDate: date,
    utcOffsetS: 0,
    distanceM: 8000,
    timerS: 2700,
    elapsedS: 2700,
    avgSpeedMps: 3,
    avgCadenceSpm: 168,
    series: null,
  };
}

/** Share of `n` seeded histories in which `pick` holds, and the results themselves. */
export function share(
  n: number,
  options: Omit<SimOptions, "seed">,
  pick: (r: SimResult) => boolean,
  seed0 = 1,
): { rate: number; results: SimResult[] } {
  const results: SimResult[] = [];
  let hits = 0;
  for (let s = 0; s < n; s++) {
    const r = simulate({ ...options, seed: seed0 + 7919 * s });
    results.push(r);
    if (pick(r)) hits++;
  }
  return { rate: hits / n, results };
}
