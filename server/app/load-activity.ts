import { parseFit } from "../../fit-parser/index.ts";
import { emptySamples } from "../../fit-parser/samples.ts";
import type { Samples } from "../../fit-parser/types.ts";
import type { ActivitiesRepo, ActivityOriginal, StoredActivity } from "../db/activities-repo.ts";

/** What identifies a stored run's samples: its row, as samplesOf compares it with its original. */
export type RunRow = { id: number; startUtc: string; sampleCount?: number; dateShiftS?: number };

/**
 * Originals from this size are parsed on a worker. Measured here (loaded 2 cores): 6 KB parse in 0.14 ms, 64 KiB
 * (~10,000 one-second records) in 3–6 ms, the 2.6 MB five-day run in 130 ms alone and 0.3–1.1 s in the server.
 */
export const OFF_THREAD_BYTES = 64 * 1024;
/** Samples kept parsed across opens, per database: one run near the 500,000-record cap (~70 bytes a sample). */
const CACHED_SAMPLES = 600_000;

/** Recently opened large runs' samples, least recently used first; per repo, so databases never mix. */
const caches = new WeakMap<ActivitiesRepo, Map<string, Samples>>();

function keyOf(stored: RunRow): string {
  return `${stored.id}|${stored.startUtc}|${stored.sampleCount ?? ""}|${stored.dateShiftS ?? 0}`;
}

/** The samples of a large run opened lately, if still kept. */
export function cached(activities: ActivitiesRepo, stored: RunRow): Samples | undefined {
  const cache = caches.get(activities);
  const key = keyOf(stored);
  const samples = cache?.get(key);
  if (cache && samples) {
    cache.delete(key);
    cache.set(key, samples);
  }
  return samples;
}

export function remember(activities: ActivitiesRepo, stored: RunRow, samples: Samples): Samples {
  if (samples.count > CACHED_SAMPLES) return samples;
  const cache = caches.get(activities) ?? new Map<string, Samples>();
  caches.set(activities, cache);
  cache.set(keyOf(stored), samples);
  let total = 0;
  for (const s of cache.values()) total += s.count;
  for (const [key, s] of cache) {
    if (total <= CACHED_SAMPLES) break;
    cache.delete(key);
    total -= s.count;
  }
  return samples;
}

/**
 * A stored activity with its samples, read from its original: series are not stored (migration 2 says why).
 * For a large original off the event loop, see stored-run/off-thread.ts.
 */
export function loadActivity(activities: ActivitiesRepo, id: number): StoredActivity | null {
  const stored = activities.get(id);
  return stored ? { ...stored, samples: loadSamples(activities, stored) } : null;
}

/** Just the samples of a stored activity (the analysis needs no laps), by the same rule as loadActivity. */
export function loadSamples(activities: ActivitiesRepo, stored: RunRow): Samples {
  const hit = cached(activities, stored);
  if (hit) return hit;
  const original = activities.original(stored.id);
  if (!original) return emptySamples(0);
  const samples = samplesOf(stored, original);
  return original.bytes.byteLength >= OFF_THREAD_BYTES ? remember(activities, stored, samples) : samples;
}

/**
 * A stored run's samples, parsed again from its original. The row and the samples come from the same parser, so
 * they agree; should a newer parser read the original differently (another session count or start), the samples
 * are left empty until `stridewise reanalyse` rewrites the rows, rather than showing one run's summary over
 * another run's samples.
 */
export function samplesOf(stored: RunRow, original: ActivityOriginal): Samples {
  const parsed = parseFit(original.bytes);
  const session = parsed.ok ? parsed.activities[original.sessionIndex] : undefined;
  const same =
    session !== undefined &&
    // A run the runner moved (a clock never set) is compared where its file puts it.
    shiftedStart(session.startUtc, stored.dateShiftS ?? 0) === stored.startUtc &&
    (stored.sampleCount === undefined || session.samples.count === stored.sampleCount);
  return same ? session.samples : emptySamples(0);
}

function shiftedStart(startUtc: string, seconds: number): string {
  return seconds === 0 ? startUtc : new Date(Date.parse(startUtc) + seconds * 1000).toISOString();
}
