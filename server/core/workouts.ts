import { expectedCadence, type CadenceModel } from "./cadence-model.ts";
import { addDays } from "./dates.ts";
import type { NextRunCeiling } from "./load.ts";
import type { PainEntry } from "./pain.ts";
import { median } from "./stats.ts";

/** One step of a planned workout, in the runner's units (steps per minute, metres, seconds). */
export type WorkoutStep =
  | {
      kind: "warmup" | "active" | "recovery" | "cooldown";
      name: string;
      durationS?: number;
      distanceM?: number;
      /** A cadence band to hold, steps per minute (both feet). */
      cadenceSpm?: { low: number; high: number; target: number };
    }
  | { kind: "repeat"; name: string; fromStep: number; times: number };

export interface WorkoutPlan {
  /** Short, shown on the watch (FIT names are cut at 15 characters by many watches). */
  name: string;
  /** One line on where the numbers come from. */
  description: string;
  steps: WorkoutStep[];
}

/** Half-width of the cadence band the watch alerts outside of (spm), a design choice: ~1.5% at 170 spm. */
export const CADENCE_BAND_SPM = 3;

/**
 * The cadence increase for a week of retraining (science.md §2, §6): +5% for the first two weeks, +7.5% for
 * the next two, +10% from the fifth week; held at +5% with anterior hip pain (hip-flexor load rises with step
 * rate). The week boundaries are our design choice; the 5% and 10% are Heiderscheit 2011's steps.
 */
export function cadenceIncreasePct(weekOfPlan: number, anteriorPain: boolean): number {
  if (anteriorPain || weekOfPlan < 2) return 5;
  if (weekOfPlan < 4) return 7.5;
  return 10;
}

/** Anterior hip pain this recent holds the increase at +5% (science.md §6). */
const ANTERIOR_WINDOW_DAYS = 28;

/** Anterior hip pain of 3/10 or more in the four weeks up to `today`: the increase then holds at +5%. */
export function recentAnteriorPain(
  pain: readonly Pick<PainEntry, "date" | "location" | "severity">[],
  today: string,
): boolean {
  const since = addDays(today, -ANTERIOR_WINDOW_DAYS);
  return pain.some((e) => e.date >= since && e.date <= today && e.location === "anterior" && e.severity >= 3);
}

/**
 * The speed a cadence workout is set at: the model's reference speed, else the median of the recent runs' average
 * speeds (most recent last; the last 20 count); null when no run has one.
 */
export function easySpeedMps(model: CadenceModel, avgSpeedsMps: readonly (number | null)[]): number | null {
  const speeds = avgSpeedsMps.slice(-20).filter((v): v is number => v !== null && v > 0);
  return model.referenceSpeedMps ?? (speeds.length ? median(speeds) : null);
}

export interface CadenceWorkoutInput {
  model: CadenceModel;
  /** The runner's easy running speed (m/s): the reference speed of their model, or their recent median. */
  easySpeedMps: number;
  /** Whole weeks since the runner's first cadence workout (0 in the first week). */
  weekOfPlan: number;
  anteriorPain: boolean;
}

export interface CadenceWorkout extends WorkoutPlan {
  usualCadenceSpm: number;
  targetCadenceSpm: number;
  increasePct: number;
}

const WARM_UP_S = 10 * 60;
const INTERVAL_S = 3 * 60;
const RECOVERY_S = 2 * 60;
const INTERVALS = 6;
const COOL_DOWN_S = 10 * 60;

/** Warm-up, 6 × (3 min at the raised cadence ±3 spm, 2 min easy), cool-down, all at the runner's easy pace. */
export function designCadenceWorkout(input: CadenceWorkoutInput): CadenceWorkout {
  const usual = expectedCadence(input.model, input.easySpeedMps);
  const increasePct = cadenceIncreasePct(input.weekOfPlan, input.anteriorPain);
  const target = usual * (1 + increasePct / 100);
  const band = { low: target - CADENCE_BAND_SPM, high: target + CADENCE_BAND_SPM, target };
  const basis =
    input.model.kind === "personal" ? "your own cadence model" : "the population line (too few runs)";
  return {
    name: `Cadence +${increasePct}%`,
    description: `Easy pace, ${Math.round(usual)} → ${Math.round(target)} spm (±${CADENCE_BAND_SPM}); usual cadence from ${basis}.`,
    usualCadenceSpm: usual,
    targetCadenceSpm: target,
    increasePct,
    steps: [
      { kind: "warmup", name: "Warm up easy", durationS: WARM_UP_S },
      { kind: "active", name: `Quick steps ${Math.round(target)}`, durationS: INTERVAL_S, cadenceSpm: band },
      { kind: "recovery", name: "Easy, own rhythm", durationS: RECOVERY_S },
      { kind: "repeat", name: `Repeat ${INTERVALS}x`, fromStep: 1, times: INTERVALS },
      { kind: "cooldown", name: "Cool down easy", durationS: COOL_DOWN_S },
    ],
  };
}

export interface NextRunWorkout extends WorkoutPlan {
  distanceM: number;
  ceilingM: number;
}

/** One run no longer than the spike ceiling (1.10 × L30, science.md §3), rounded down to 100 m. */
export function designNextRun(ceiling: NextRunCeiling): NextRunWorkout {
  const distanceM = Math.floor(ceiling.ceilingM / 100) * 100;
  const km = (distanceM / 1000).toFixed(1);
  return {
    name: `Next run ${km} km`,
    description: `At most ${km} km: 10% over your longest run of the last 30 days (${(ceiling.l30M / 1000).toFixed(1)} km on ${ceiling.longestRunDate}).`,
    distanceM,
    ceilingM: ceiling.ceilingM,
    steps: [{ kind: "active", name: `Run ${km} km`, distanceM }],
  };
}
