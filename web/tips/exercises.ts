import { HIP_MOBILITY } from "./hip-mobility.ts";
import { HIP_STRENGTH } from "./hip-strength.ts";
import { LOCATION_EXERCISES } from "./location-exercises.ts";
import type { Exercise } from "./exercise.ts";
import { RUNNING_DRILLS } from "./running-drills.ts";

export type { Exercise, Stroke } from "./exercise.ts";

// The exercises behind the tips, in the order the tips list them. Content lives in one file per kind; drawing.ts
// draws the figures, tips pages lay them out. Doses follow the usual physiotherapy starting points (science.md §6).

/** Every exercise: hip strength, hip mobility, running drills, then those for inner-thigh and buttock pain. */
export const EXERCISES: Exercise[] = [
  ...HIP_STRENGTH,
  ...HIP_MOBILITY,
  ...RUNNING_DRILLS,
  ...LOCATION_EXERCISES,
];

/** The exercises with these ids, in that order; unknown ids are skipped. */
export function exercisesById(ids: readonly string[]): Exercise[] {
  return ids.flatMap((id) => EXERCISES.filter((e) => e.id === id));
}

/** The exercises a tip's words name, in the order of the list. */
export function exercisesIn(text: string): Exercise[] {
  const lower = text.toLowerCase();
  return EXERCISES.filter((e) => [e.name.toLowerCase(), ...e.aliases].some((a) => lower.includes(a))).filter(
    (e, _i, all) =>
      // "kneeling hip flexor stretch" names one exercise, not also the standing one.
      e.id === "hip-flexor-stretch"
        ? !all.some((o) => o.id === "kneeling-hip-flexor-stretch") ||
          lower.replace("kneeling hip flexor stretch", "").includes("hip flexor stretch")
        : true,
  );
}
