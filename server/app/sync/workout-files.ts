import { encodeWorkout } from "../../../fit-parser/encode-workout.ts";
import { daysBetween } from "../../core/dates.ts";
import {
  designCadenceWorkout,
  designNextRun,
  easySpeedMps,
  recentAnteriorPain,
  type WorkoutPlan,
} from "../../core/workouts.ts";
import { createPainRepo } from "../../db/pain-repo.ts";
import type { Db } from "../../db/open.ts";
import { createSyncLogRepo } from "../../db/sync-log-repo.ts";
import { DomainError } from "../../errors.ts";
import { type AnalysisService, openAnalysis } from "../analysis/service.ts";

export type WorkoutKind = "cadence" | "next-run";
export const WORKOUT_KINDS: readonly WorkoutKind[] = ["cadence", "next-run"];

export interface WorkoutFile {
  kind: WorkoutKind;
  plan: WorkoutPlan;
  /** A file name a watch accepts in GARMIN/NewFiles. */
  fileName: string;
  bytes: Uint8Array;
}

const PLAN_START = "cadence.planStart";

/**
 * Designs and encodes a workout from the runner's data: the cadence workout from their cadence model at their
 * easy pace, the next run from their spike ceiling. Refuses while a red flag stands (training targets pause).
 */
export function buildWorkout(
  db: Db,
  kind: WorkoutKind,
  now: () => Date = () => new Date(),
  analysis: AnalysisService = openAnalysis(db, now),
): WorkoutFile {
  const snap = analysis.snapshot();
  const { insights } = snap;
  if (insights.redFlags.length > 0) {
    throw new DomainError(
      "targets-paused",
      "Your pain log shows a red flag: training targets pause until a clinician has seen you, so no workout is made.",
    );
  }
  if (snap.summaries.size === 0) {
    throw new DomainError("no-runs", "Import some runs first: the workout is built from your own data.");
  }
  const plan = kind === "cadence" ? cadencePlan(db, analysis) : nextRunPlan(analysis);
  const stamp = insights.today.replaceAll("-", "");
  return {
    kind,
    plan,
    fileName: kind === "cadence" ? `SW_CAD_${stamp}.fit` : `SW_RUN_${stamp}.fit`,
    bytes: encodeWorkout(plan, now()),
  };
}

function cadencePlan(db: Db, analysis: AnalysisService): WorkoutPlan {
  const { insights, summaries } = analysis.snapshot();
  const easySpeed = easySpeedMps(
    insights.model,
    [...summaries.values()].map((s) => s.avgSpeedMps),
  );
  if (easySpeed === null) {
    throw new DomainError("no-runs", "None of your runs has a speed to build a cadence workout on.");
  }
  const state = createSyncLogRepo(db);
  const today = insights.today;
  let start = state.state<string>(PLAN_START);
  if (start === null || start > today) {
    start = today;
    state.setState(PLAN_START, start);
  }
  return designCadenceWorkout({
    model: insights.model,
    easySpeedMps: easySpeed,
    weekOfPlan: Math.floor(daysBetween(start, today) / 7),
    anteriorPain: recentAnteriorPain(createPainRepo(db).list(), today),
  });
}

function nextRunPlan(analysis: AnalysisService): WorkoutPlan {
  const ceiling = analysis.snapshot().insights.load.ceiling;
  if (!ceiling) {
    throw new DomainError(
      "no-recent-base",
      "No run in the last 30 days, so there is no ceiling to plan to: start shorter than your old long runs and build back gradually.",
    );
  }
  return designNextRun(ceiling);
}
