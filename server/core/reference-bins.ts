import type { FitPoint } from "./regression.ts";
import type { RunningSamples } from "./running-samples.ts";
import { median } from "./stats.ts";
import type { Thresholds } from "./thresholds.ts";

/** What one run gives the model's fit: its speed bins and median running speed. */
export interface ReferenceBins {
  points: FitPoint[];
  medianSpeedMps: number;
}

// Bin slot per speed key (0.1 m/s steps) below 102.4 m/s, −1 when unused: reset after each run, so a table
// lookup replaces a Map's per sample (keys outside it, from unusual thresholds, use a Map).
const TABLE_KEYS = 1024;
const slotOfTableKey = new Int32Array(TABLE_KEYS).fill(-1);
// Per-sample bin slots and binned cadences, reused run after run: the result keeps neither.
let binScratch = new Int32Array(4096);
let cadenceScratch = new Float64Array(4096);

/** Speed bins of one run: median smoothed cadence per 0.1 m/s, each run's weights summing to 1. */
export function referenceBins(rs: RunningSamples | null, t: Thresholds): ReferenceBins | null {
  if (!rs || rs.totalRunningS < t.minReferenceRunningS) return null;
  const n = rs.speedMps.length;
  if (binScratch.length < n) {
    binScratch = new Int32Array(n * 2);
    cadenceScratch = new Float64Array(n * 2);
  }
  // Bins in first-seen order (the fit sums points in that order); each bin's cadences in sample order.
  const binOf = binScratch;
  let slotOfOtherKey: Map<number, number> | null = null;
  const keys: number[] = [];
  const counts: number[] = [];
  const seconds: number[] = [];
  for (let i = 0; i < n; i++) {
    const speed = rs.speedMps[i] as number;
    binOf[i] = -1;
    if (!(speed >= t.runningSpeedMps) || !Number.isFinite(rs.cadenceSpm[i] as number)) continue;
    const key = Math.round(speed * 10);
    const inTable = key >= 0 && key < TABLE_KEYS;
    let slot = inTable ? (slotOfTableKey[key] as number) : (slotOfOtherKey?.get(key) ?? -1);
    if (slot < 0) {
      slot = keys.length;
      if (inTable) slotOfTableKey[key] = slot;
      else (slotOfOtherKey ??= new Map()).set(key, slot);
      keys.push(key);
      counts.push(0);
      seconds.push(0);
    }
    binOf[i] = slot;
    counts[slot] = (counts[slot] as number) + 1;
    seconds[slot] = (seconds[slot] as number) + (rs.dtS[i] as number);
  }
  for (const key of keys) if (key >= 0 && key < TABLE_KEYS) slotOfTableKey[key] = -1;
  const offsets = new Int32Array(keys.length + 1);
  for (let b = 0; b < keys.length; b++) offsets[b + 1] = (offsets[b] as number) + (counts[b] as number);
  const fill = offsets.slice(0, keys.length);
  const cadences = cadenceScratch;
  for (let i = 0; i < n; i++) {
    const slot = binOf[i] as number;
    if (slot >= 0) cadences[(fill[slot] as number)++] = rs.cadenceSpm[i] as number;
  }
  const points: FitPoint[] = [];
  for (let b = 0; b < keys.length; b++) {
    const binSeconds = seconds[b] as number;
    if (binSeconds >= 30) {
      const cadence = median(cadences.subarray(offsets[b] as number, offsets[b + 1] as number));
      points.push({ x: (keys[b] as number) / 10, y: cadence, w: binSeconds });
    }
  }
  const total = points.reduce((s, p) => s + p.w, 0);
  if (points.length === 0 || total <= 0) return null;
  for (const p of points) p.w /= total;
  return { points, medianSpeedMps: median(rs.speedMps) };
}
