import { rollingMedian } from "./stats.ts";
import type { Thresholds } from "./thresholds.ts";
import type { RunSeries } from "./types.ts";

/** The running part of a run's series: plausible samples only, speed and cadence smoothed. */
export interface RunningSamples {
  /** Seconds since start, per kept sample. */
  timeS: Float64Array;
  /** Running time this sample stands for (s); 0 after a pause. */
  dtS: Float64Array;
  /** Running time elapsed before this sample (s). */
  runningAtS: Float64Array;
  speedMps: Float64Array;
  cadenceSpm: Float64Array;
  /** 1 where a pause or a non-running stretch longer than maxSampleGapS precedes the sample. */
  breakBefore: Uint8Array;
  /** Index of each kept sample in the original series. */
  sourceIndex: Int32Array;
  totalRunningS: number;
}

/** Identifies a set of thresholds: what a prepared run was made under. */
export function thresholdsKey(t: Thresholds): string {
  return JSON.stringify(t);
}

// Indices, times and raw values of kept samples, reused across runs: only what the result holds is copied out.
let keepScratch = new Int32Array(4096);
let keptScratch = new Float64Array(3 * 4096);
// The steep-ground mask and its packed readings, reused across runs: the mask is read before runningSamples returns.
let steepScratch = new Uint8Array(4096);
let knownAt = new Float64Array(3 * 4096);

/** Picks running samples (speed ≥ 1.5 m/s, cadence plausible) and smooths them with rolling medians. */
export function runningSamples(series: RunSeries, t: Thresholds): RunningSamples | null {
  const n = Math.min(series.timeS.length, series.speedMps.length, series.cadenceSpm.length);
  const { timeS: allTimes, speedMps: allSpeed, cadenceSpm: allCadence } = series;
  if (keepScratch.length < n) {
    keepScratch = new Int32Array(n * 2);
    keptScratch = new Float64Array(n * 6);
  }
  const keep = keepScratch;
  const capacity = keep.length;
  const keptTime = keptScratch.subarray(0, capacity);
  const rawSpeed = keptScratch.subarray(capacity, 2 * capacity);
  const rawCadence = keptScratch.subarray(2 * capacity, 3 * capacity);
  const { runningSpeedMps: minSpeed, minCadenceSpm: minCadence, maxCadenceSpm: maxCadence } = t;
  const steep = steepSamples(series, n, t);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const speed = allSpeed[i] as number;
    const cadence = allCadence[i] as number;
    if (!(speed >= minSpeed) || !(cadence >= minCadence && cadence <= maxCadence)) continue;
    if (steep !== null && steep[i] === 1) continue;
    const time = allTimes[i] as number;
    if (!Number.isFinite(time)) continue;
    keep[m] = i;
    keptTime[m] = time;
    rawSpeed[m] = speed;
    rawCadence[m] = cadence;
    m++;
  }
  if (m < 2) return null;
  // Copies the result owns whole (slice, not subarray): it is kept (an import holds it), the scratch is not.
  const timeS = keptTime.slice(0, m);
  const sourceIndex = keep.slice(0, m);
  const { dtS, breakBefore, runningAtS, total } = runningTime(timeS, sourceIndex, allTimes, t.maxSampleGapS);
  return {
    timeS,
    dtS,
    runningAtS,
    speedMps: rollingMedian(rawSpeed.subarray(0, m), timeS, t.smoothingWindowS),
    cadenceSpm: rollingMedian(rawCadence.subarray(0, m), timeS, t.smoothingWindowS),
    breakBefore,
    sourceIndex,
    totalRunningS: total,
  };
}

/**
 * 1 for samples on ground steeper than maxGradePct: the altitude change over about gradeBaselineM of distance centred
 * on the sample (a long baseline, so barometric and GPS altitude noise of a metre reads as ~1%, not as a hill).
 * Hills change cadence for reasons other than overstriding, so their samples are left out (a gap, like a pause).
 * Null when the series has no altitude.
 */
function steepSamples(series: RunSeries, n: number, t: Thresholds): Uint8Array | null {
  const alt = series.altitudeM;
  const dist = series.distanceM;
  if (!alt || alt.length < n) return null;
  if (steepScratch.length < n) {
    steepScratch = new Uint8Array(n * 2);
    knownAt = new Float64Array(n * 6);
  }
  // The samples with both readings, packed: distance and altitude side by side, in sample order.
  const capacity = steepScratch.length;
  const knownDist = knownAt.subarray(0, capacity);
  const knownAlt = knownAt.subarray(capacity, 2 * capacity);
  const knownIndex = knownAt.subarray(2 * capacity, 3 * capacity);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = alt[i] as number;
    const d = dist[i] as number;
    if (Number.isFinite(a) && Number.isFinite(d)) {
      knownDist[m] = d;
      knownAlt[m] = a;
      knownIndex[m++] = i;
    }
  }
  if (m < 2) return null;
  const out = steepScratch.subarray(0, n).fill(0);
  const half = t.gradeBaselineM / 2;
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < m; k++) {
    const d = knownDist[k] as number;
    while (lo < k && (knownDist[lo] as number) < d - half) lo++;
    while (hi + 1 < m && (knownDist[hi + 1] as number) <= d + half) hi++;
    const run = (knownDist[hi] as number) - (knownDist[lo] as number);
    // Too little distance to judge (standing, or the first and last metres): not called steep.
    if (run < half) continue;
    const grade = (100 * Math.abs((knownAlt[hi] as number) - (knownAlt[lo] as number))) / run;
    if (grade > t.maxGradePct) out[knownIndex[k] as number] = 1;
  }
  return out;
}

function runningTime(
  timeS: Float64Array,
  sourceIndex: Int32Array,
  allTimes: ArrayLike<number>,
  maxGapS: number,
): { dtS: Float64Array; breakBefore: Uint8Array; runningAtS: Float64Array; total: number } {
  const m = timeS.length;
  const dtS = new Float64Array(m);
  const breakBefore = new Uint8Array(m);
  const runningAtS = new Float64Array(m);
  breakBefore[0] = 1;
  let total = 0;
  for (let j = 0; j < m; j++) {
    runningAtS[j] = total;
    // A sample stands for the time until the next record in the file, if that is short.
    const nextTime = allTimes[(sourceIndex[j] as number) + 1];
    const dt = nextTime === undefined ? 0 : (nextTime as number) - (timeS[j] as number);
    dtS[j] = dt > 0 && dt <= maxGapS ? dt : 0;
    total += dtS[j] as number;
    if (j > 0 && (timeS[j] as number) - (timeS[j - 1] as number) > maxGapS) breakBefore[j] = 1;
  }
  return { dtS, breakBefore, runningAtS, total };
}
