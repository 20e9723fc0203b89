// Personal records from the samples: the fastest contiguous stretch of a run covering each standard distance.

/** The distances records are kept for, in metres (half and full marathon as World Athletics measures them). */
export const RECORD_DISTANCES = [
  { key: "1k", label: "1 km", distanceM: 1000 },
  { key: "5k", label: "5 km", distanceM: 5000 },
  { key: "10k", label: "10 km", distanceM: 10_000 },
  { key: "half", label: "Half marathon", distanceM: 21_097.5 },
  { key: "marathon", label: "Marathon", distanceM: 42_195 },
] as const;

export type RecordKey = (typeof RECORD_DISTANCES)[number]["key"];

/** The fastest stretch of one run over one distance: where it starts (s into the run) and how long it took. */
export interface BestEffort {
  key: RecordKey;
  durationS: number;
  startS: number;
}

/** A run's samples a stretch can start or end at: finite, distance never falling, time always rising. */
interface Track {
  d: Float64Array;
  t: Float64Array;
  n: number;
}

function track(distanceM: ArrayLike<number>, timeS: ArrayLike<number>): Track {
  const d = new Float64Array(distanceM.length);
  const t = new Float64Array(distanceM.length);
  let n = 0;
  for (let k = 0; k < distanceM.length; k++) {
    const dk = distanceM[k] ?? Number.NaN;
    const tk = timeS[k] ?? Number.NaN;
    // Cumulative distance never falls: a dip is a glitch, and a repeated point adds nothing.
    if (!Number.isFinite(dk) || !Number.isFinite(tk)) continue;
    if (n > 0 && (dk < (d[n - 1] as number) || tk <= (t[n - 1] as number))) continue;
    d[n] = dk;
    t[n] = tk;
    n++;
  }
  return { d, t, n };
}

/** Two pointers over a track, O(n); the start is interpolated so a 1 km effort is exactly 1 km. */
function fastestOnTrack({ d, t, n }: Track, targetM: number): { durationS: number; startS: number } | null {
  if (n < 2 || (d[n - 1] as number) - (d[0] as number) < targetM) return null;
  let best: { durationS: number; startS: number } | null = null;
  let i = 0;
  for (let j = 1; j < n; j++) {
    const end = d[j] as number;
    // Advance i to the last sample at or before end − target.
    while (i + 1 < j && (d[i + 1] as number) <= end - targetM) i++;
    const di = d[i] as number;
    if (end - di < targetM) continue;
    const startD = end - targetM;
    const next = i + 1 <= j ? i + 1 : i;
    const dn = d[next] as number;
    const ti = t[i] as number;
    const tn = t[next] as number;
    const startT = dn > di ? ti + ((startD - di) / (dn - di)) * (tn - ti) : ti;
    const durationS = (t[j] as number) - startT;
    if (durationS > 0 && (best === null || durationS < best.durationS)) best = { durationS, startS: startT };
  }
  return best;
}

/**
 * Fastest time over `targetM` within one run, from its cumulative distance and time columns (NaN where the
 * file had no value), with where it starts (s into the run).
 */
export function fastestStretch(
  distanceM: ArrayLike<number>,
  timeS: ArrayLike<number>,
  targetM: number,
): { durationS: number; startS: number } | null {
  return fastestOnTrack(track(distanceM, timeS), targetM);
}

/** Every standard distance a run covers, with its fastest stretch; the samples are cleaned once for all five. */
export function bestEfforts(distanceM: ArrayLike<number>, timeS: ArrayLike<number>): BestEffort[] {
  const run = track(distanceM, timeS);
  const out: BestEffort[] = [];
  for (const { key, distanceM: target } of RECORD_DISTANCES) {
    const best = fastestOnTrack(run, target);
    if (best) out.push({ key, ...best });
  }
  return out;
}

/** One run's efforts as the records table reads them. */
export interface RunEfforts {
  runId: number;
  localDate: string;
  distanceM: number;
  efforts: BestEffort[];
}

export interface PersonalRecord {
  key: RecordKey | "longest";
  label: string;
  distanceM: number;
  durationS: number | null;
  runId: number;
  localDate: string;
}

/** The best of every distance across runs (earliest wins a tie), and the longest run. */
export function personalRecords(runs: readonly RunEfforts[]): PersonalRecord[] {
  const out: PersonalRecord[] = [];
  for (const { key, label, distanceM } of RECORD_DISTANCES) {
    let best: PersonalRecord | null = null;
    for (const run of runs) {
      const effort = run.efforts.find((e) => e.key === key);
      if (!effort) continue;
      if (best === null || effort.durationS < (best.durationS ?? Infinity)) {
        best = {
          key,
          label,
          distanceM,
          durationS: effort.durationS,
          runId: run.runId,
          localDate: run.localDate,
        };
      }
    }
    if (best) out.push(best);
  }
  const longest = runs.reduce<RunEfforts | null>(
    (a, r) => (a === null || r.distanceM > a.distanceM ? r : a),
    null,
  );
  if (longest && longest.distanceM > 0) {
    out.push({
      key: "longest",
      label: "Longest run",
      distanceM: longest.distanceM,
      durationS: null,
      runId: longest.runId,
      localDate: longest.localDate,
    });
  }
  return out;
}
