import { Encoder, Profile } from "@garmin/fitsdk";
import type { Encodable, Mesg } from "@garmin/fitsdk";

/** A workout step as the encoder reads it (structurally the core's WorkoutStep): spm, metres, seconds. */
export type WorkoutFileStep =
  | {
      kind: "warmup" | "active" | "recovery" | "cooldown";
      name: string;
      durationS?: number;
      distanceM?: number;
      cadenceSpm?: { low: number; high: number };
    }
  | { kind: "repeat"; name: string; fromStep: number; times: number };

export interface WorkoutFilePlan {
  name: string;
  steps: readonly WorkoutFileStep[];
}

/**
 * Running cadence in a workout_step is in strides per minute (one foot), not steps per minute.
 * The profile gives custom_target_cadence_low/high the unit "rpm", the same unit as record.cadence and
 * session.avg_running_cadence, which Garmin watches write as strides/min for running and show doubled as spm
 * (science.md §1). So a band of 168–174 spm is written 84–87. Integer field: each edge is rounded to the
 * nearest stride, at most 1 spm off.
 */
export function spmToFitCadence(spm: number): number {
  return Math.round(spm / 2);
}

/** What a watch reads back from a workout step's cadence target, in steps per minute. */
export function fitCadenceToSpm(strides: number): number {
  return strides * 2;
}

// Names longer than this are cut by the SDK's string field size on many watches.
const NAME_CHARS = 15;

function stepMessage(step: WorkoutFileStep, index: number): Record<string, unknown> {
  if (step.kind === "repeat") {
    return {
      messageIndex: index,
      wktStepName: step.name.slice(0, NAME_CHARS),
      durationType: "repeatUntilStepsCmplt",
      durationValue: step.fromStep,
      targetType: "open",
      targetValue: step.times,
    };
  }
  const duration =
    step.durationS !== undefined
      ? { durationType: "time", durationValue: Math.round(step.durationS * 1000) }
      : step.distanceM !== undefined
        ? { durationType: "distance", durationValue: Math.round(step.distanceM * 100) }
        : { durationType: "open", durationValue: 0 };
  const target = step.cadenceSpm
    ? {
        targetType: "cadence",
        targetValue: 0,
        customTargetValueLow: spmToFitCadence(step.cadenceSpm.low),
        customTargetValueHigh: spmToFitCadence(step.cadenceSpm.high),
      }
    : { targetType: "open", targetValue: 0 };
  return {
    messageIndex: index,
    wktStepName: step.name.slice(0, NAME_CHARS),
    ...duration,
    ...target,
    intensity: step.kind,
  };
}

/** A FIT workout file (file_id.type workout, one workout, its steps) for the watch or a training calendar. */
export function encodeWorkout(plan: WorkoutFilePlan, createdAt: Date, serialNumber = 1): Uint8Array {
  const encoder = new Encoder();
  const write = (mesgNum: number | undefined, fields: Record<string, unknown>): void => {
    encoder.writeMesg({ mesgNum, ...fields } as unknown as Encodable<Mesg>);
  };
  write(Profile.MesgNum.FILE_ID, {
    type: "workout",
    manufacturer: "development",
    product: 0,
    serialNumber,
    timeCreated: createdAt,
  });
  write(Profile.MesgNum.WORKOUT, {
    sport: "running",
    subSport: "generic",
    wktName: plan.name.slice(0, NAME_CHARS),
    numValidSteps: plan.steps.length,
  });
  plan.steps.forEach((step, i) => write(Profile.MesgNum.WORKOUT_STEP, stepMessage(step, i)));
  return encoder.close();
}
