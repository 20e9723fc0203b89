import { addDays, dayNumber, weekStart } from "../core/dates.ts";
import type { PainEntry } from "../core/pain.ts";
import { normalSource, seededRandom } from "../core/random.ts";
import type { Run } from "../core/types.ts";
import { generateSeries, type RunPlan } from "./run-series.ts";

/** What pain follows in a generated history. */
export type PainScenario = "spikes" | "low_cadence" | "random" | "none";

export interface HistoryOptions {
  seed: number;
  weeks: number;
  /** The last local date of the history (the demo's "today"). */
  endDate: string;
  scenario: PainScenario;
  /** 1 s like a watch; coarser for fast statistical tests. */
  sampleIntervalS?: number;
  utcOffsetS?: number;
  /** Share of runs with low cadence for speed. */
  overstridingRate?: number;
  lateDropRate?: number;
  /** Chance the runner logs a pain-free day. */
  logRate?: number;
  /** Chance of pain after a run carrying the scenario's cause, and after any other run. */
  painAfterCause?: number;
  painOtherwise?: number;
  /** Summary-only runs (no series) for fast load/correlation tests. */
  withSeries?: boolean;
}

/** What the generator meant, per run: tests compare the analysis with it. */
export interface RunTruth {
  kind: "easy" | "long" | "tempo";
  /** distance > 1.10 × the longest run in the 30 days before. */
  spike: boolean;
  overstriding: boolean;
  lateDrop: boolean;
  painAfter: boolean;
}

export interface GeneratedHistory {
  runs: Run[];
  pain: PainEntry[];
  truth: Map<number, RunTruth>;
  runner: { interceptSpm: number; slopeSpmPerMps: number; easySpeedMps: number };
}

const WEEK_DAYS: Record<number, number[]> = { 3: [1, 3, 5], 4: [1, 2, 4, 6], 5: [0, 1, 3, 4, 6] };

/** A seeded, pure training history with its pain log (science.md's scenarios for known-answer tests). */
export function generateHistory(options: HistoryOptions): GeneratedHistory {
  const random = seededRandom(options.seed);
  const offsetS = options.utcOffsetS ?? 3600;
  const easy = 2.6 + random() * 0.4;
  const slope = 4.5 + random() * 3;
  const runner = {
    interceptSpm: 166 + 4 * normalSource(random)() - 3 * slope,
    slopeSpmPerMps: slope,
    easySpeedMps: easy,
  };
  // Weeks start on Monday (like the analysis's weeks), so a seed gives the same history whatever the end date.
  const firstDay = addDays(weekStart(options.endDate), -7 * (options.weeks - 1));
  const runs: Run[] = [];
  const truth = new Map<number, RunTruth>();
  let baseLongM = 11_000 + random() * 3000;
  for (let w = 0; w < options.weeks; w++) {
    const count = 3 + Math.floor(random() * 3);
    const days = WEEK_DAYS[count] ?? [];
    days.forEach((dayOfWeek, k) => {
      const date = addDays(firstDay, 7 * w + dayOfWeek);
      if (date > options.endDate) return;
      const kind = k === days.length - 1 ? "long" : k === 1 ? "tempo" : "easy";
      const run = makeRun(runs.length + 1, date, kind, runs, baseLongM, runner, offsetS, options, random);
      runs.push(run.run);
      truth.set(run.run.id, run.truth);
    });
    baseLongM = Math.min(18_000, baseLongM * (1 + 0.01 * random()));
  }
  const pain = painLog(runs, truth, firstDay, options, random);
  return { runs, pain, truth, runner };
}

function longestBefore(runs: readonly Run[], startMs: number): number | null {
  let best: number | null = null;
  for (const r of runs) {
    const at = Date.parse(r.startUtc);
    if (at < startMs && at >= startMs - 30 * 86_400_000) best = Math.max(best ?? 0, r.distanceM);
  }
  return best;
}

function plannedDistance(
  kind: RunTruth["kind"],
  baseLongM: number,
  l30: number | null,
  random: () => number,
): { m: number; spike: boolean } {
  const planned =
    kind === "long"
      ? baseLongM * (0.85 + 0.15 * random())
      : kind === "tempo"
        ? 7000 + 2000 * random()
        : 5500 + 3000 * random();
  if (l30 === null) return { m: planned, spike: false };
  // Long runs overshoot the last 30 days now and then; otherwise everything stays under 1.08 × L30.
  // Spikes start from a normal 30 days (L30 near the usual long run), so they never compound.
  if (kind === "long" && l30 <= baseLongM * 1.1 && random() < 0.6)
    return { m: l30 * (1.2 + 0.4 * random()), spike: true };
  return { m: Math.min(planned, l30 * (0.9 + 0.18 * random())), spike: false };
}

function makeRun(
  id: number,
  date: string,
  kind: RunTruth["kind"],
  earlier: readonly Run[],
  baseLongM: number,
  runner: GeneratedHistory["runner"],
  offsetS: number,
  options: HistoryOptions,
  random: () => number,
): { run: Run; truth: RunTruth } {
  const localStartS = (6.5 + random() * 12) * 3600;
  const startMs = dayNumber(date) * 86_400_000 + localStartS * 1000 - offsetS * 1000;
  const distance = plannedDistance(kind, baseLongM, longestBefore(earlier, startMs), random);
  const overstriding = random() < (options.overstridingRate ?? 0.25);
  const whole = random() < 0.6;
  const from = random() * 0.4;
  const plan: RunPlan = {
    distanceM: distance.m,
    kind,
    easySpeedMps: runner.easySpeedMps * (1 + 0.02 * normalSource(random)()),
    tempoSpeedMps: runner.easySpeedMps + 0.6 + 0.3 * random(),
    interceptSpm: runner.interceptSpm,
    slopeSpmPerMps: runner.slopeSpmPerMps,
    cadenceOffset: 0.012 * normalSource(random)(),
    overstriding: overstriding
      ? {
          offset: -(0.08 + 0.05 * random()),
          fromFraction: whole ? 0 : from,
          toFraction: whole ? 1 : from + 0.5,
        }
      : null,
    lateDrop: random() < (options.lateDropRate ?? 0.15) ? 0.06 : 0,
    withPause: random() < 0.3,
    sampleIntervalS: options.sampleIntervalS ?? 1,
  };
  const generated = generateSeries(plan, random);
  const last = generated.series.distanceM.length - 1;
  const run: Run = {
    id,
    startUtc: new Date(startMs).toISOString(),
    localDate: date,
    utcOffsetS: offsetS,
    distanceM: Math.round(
      (generated.series.distanceM[last] ?? distance.m) + generated.avgSpeedMps * plan.sampleIntervalS,
    ),
    timerS: generated.timerS,
    elapsedS: generated.elapsedS,
    avgSpeedMps: generated.avgSpeedMps,
    avgCadenceSpm: generated.avgCadenceSpm,
    series: options.withSeries === false ? null : generated.series,
  };
  return {
    run,
    truth: { kind, spike: distance.spike, overstriding, lateDrop: plan.lateDrop > 0, painAfter: false },
  };
}

function painLog(
  runs: readonly Run[],
  truth: Map<number, RunTruth>,
  firstDay: string,
  options: HistoryOptions,
  random: () => number,
): PainEntry[] {
  const byDate = new Map<string, Omit<PainEntry, "id">>();
  for (const run of runs) {
    const t = truth.get(run.id) as RunTruth;
    const cause =
      options.scenario === "spikes" ? t.spike : options.scenario === "low_cadence" ? t.overstriding : false;
    const p =
      options.scenario === "none"
        ? 0
        : options.scenario === "random"
          ? (options.painOtherwise ?? 0.2)
          : cause
            ? (options.painAfterCause ?? 0.8)
            : (options.painOtherwise ?? 0.06);
    if (random() >= p) continue;
    t.painAfter = true;
    const nextMorning = random() < 0.6;
    const date = nextMorning ? addDays(run.localDate, 1) : run.localDate;
    byDate.set(date, {
      date,
      severity: 3 + Math.floor(random() * 4),
      location: "lateral",
      side: "right",
      timing: nextMorning ? "next_morning" : "after_run",
      note: "",
      redFlags: [],
    });
  }
  const entries: PainEntry[] = [];
  for (let day = firstDay; day <= options.endDate; day = addDays(day, 1)) {
    const painful = byDate.get(day);
    if (painful) entries.push({ id: entries.length + 1, ...painful });
    else if (random() < (options.logRate ?? 0.9)) {
      entries.push({
        id: entries.length + 1,
        date: day,
        ...(random() < 0.85
          ? { severity: 0, location: null, side: null }
          : { severity: 1, location: "lateral" as const, side: "right" as const }),
        timing: null,
        note: "",
        redFlags: [],
      });
    }
  }
  return entries;
}
