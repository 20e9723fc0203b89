import { parseFit } from "../../fit-parser/index.ts";
import { emptySamples } from "../../fit-parser/samples.ts";
import type { Samples } from "../../fit-parser/types.ts";
import type { ActivitiesRepo, StoredActivity } from "../db/activities-repo.ts";

/**
 * A stored activity with its samples, read from its original: series are not stored (migration 2 says why).
 * The row and the samples come from the same parser, so they agree; should a newer parser read the original
 * differently (another session count or start), the samples are left empty until `stridewise reanalyse`
 * rewrites the rows, rather than showing one run's summary over another run's samples.
 */
export function loadActivity(activities: ActivitiesRepo, id: number): StoredActivity | null {
  const stored = activities.get(id);
  return stored ? { ...stored, samples: loadSamples(activities, stored) } : null;
}

/** Just the samples of a stored activity (the analysis needs no laps), by the same rule as loadActivity. */
export function loadSamples(
  activities: ActivitiesRepo,
  stored: { id: number; startUtc: string; sampleCount?: number; dateShiftDays?: number },
): Samples {
  const original = activities.original(stored.id);
  const parsed = original ? parseFit(original.bytes) : null;
  const session = parsed?.ok ? parsed.activities[original?.sessionIndex ?? -1] : undefined;
  const same =
    session !== undefined &&
    // A run the runner moved (a clock never set) is compared where its file puts it.
    shiftedStart(session.startUtc, stored.dateShiftDays ?? 0) === stored.startUtc &&
    (stored.sampleCount === undefined || session.samples.count === stored.sampleCount);
  return same ? session.samples : emptySamples(0);
}

function shiftedStart(startUtc: string, days: number): string {
  return days === 0 ? startUtc : new Date(Date.parse(startUtc) + days * 86_400_000).toISOString();
}
