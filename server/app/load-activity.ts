import { parseFit } from "../../fit-parser/index.ts";
import { emptySamples } from "../../fit-parser/samples.ts";
import type { ActivitiesRepo, StoredActivity } from "../db/activities-repo.ts";

/**
 * A stored activity with its samples, read from its original: series are not stored (migration 2 says why).
 * The row and the samples come from the same parser, so they agree; should a newer parser read the original
 * differently (another session count or start), the samples are left empty until `stridewise reanalyze`
 * rewrites the rows, rather than showing one run's summary over another run's samples.
 */
export function loadActivity(activities: ActivitiesRepo, id: number): StoredActivity | null {
  const stored = activities.get(id);
  const original = stored ? activities.original(id) : null;
  if (!stored || !original) return null;
  const parsed = parseFit(original.bytes);
  const session = parsed.ok ? parsed.activities[original.sessionIndex] : undefined;
  const samples =
    session && session.startUtc === stored.startUtc && session.samples.count === stored.sampleCount
      ? session.samples
      : emptySamples(0);
  return { ...stored, samples };
}
