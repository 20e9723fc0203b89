import { addDays, dayNumber, instantMs } from "./dates.ts";
import { sortedByStart } from "./run-order.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

const DAY_MS = 86_400_000;

/** Frandsen 2025 categories of a run's distance against L30. */
export type SpikeCategory =
  "within_10pct" | "10_to_30pct" | "30_to_100pct" | "over_100pct" | "no_recent_base";

export interface HazardRatio {
  hr: number;
  lo: number;
  hi: number;
}

/** Hazard vs ≤ 10% (Frandsen et al. 2025, BJSM 59:1203); the reference category has none. */
export const SPIKE_HAZARDS: Record<SpikeCategory, HazardRatio | null> = {
  within_10pct: null,
  "10_to_30pct": { hr: 1.64, lo: 1.31, hi: 2.05 },
  "30_to_100pct": { hr: 1.52, lo: 1.16, hi: 2.0 },
  over_100pct: { hr: 2.28, lo: 1.5, hi: 3.48 },
  no_recent_base: null,
};

export const SPIKE_LABELS: Record<SpikeCategory, string> = {
  within_10pct: "≤10%",
  "10_to_30pct": "10–30%",
  "30_to_100pct": "30–100%",
  over_100pct: ">100%",
  no_recent_base: "no recent base",
};

export interface RunSpike {
  runId: number;
  distanceM: number;
  /** Longest run that started in the 30 days before this one (null: no recent base). */
  l30M: number | null;
  l30RunId: number | null;
  /** distance / L30 (null: no recent base). */
  ratio: number | null;
  category: SpikeCategory;
  hazard: HazardRatio | null;
  /** ratio > 1.10. */
  spike: boolean;
}

/** The Frandsen category of a ratio (distance / L30). */
export function spikeCategory(ratio: number | null): SpikeCategory {
  if (ratio === null) return "no_recent_base";
  if (ratio <= 1.1) return "within_10pct";
  if (ratio <= 1.3) return "10_to_30pct";
  if (ratio <= 2) return "30_to_100pct";
  return "over_100pct";
}

/** L30, ratio and category for every run, by start instant (science.md §3). */
export function runSpikes(runs: readonly Run[], overrides: Partial<Thresholds> = {}): RunSpike[] {
  const t = withDefaults(overrides);
  const sorted = sortedByStart(runs);
  const at = new Float64Array(sorted.length);
  let comparable = true;
  for (let i = 0; i < sorted.length; i++) {
    const run = sorted[i] as Run;
    at[i] = instantMs(run.startUtc);
    if (Number.isNaN(at[i]) || Number.isNaN(run.distanceM)) comparable = false;
  }
  // NaN breaks the order a sliding window relies on: such a history takes the quadratic scan, as before.
  const longest = comparable ? longestBefore(sorted, at) : longestBeforeByScan(sorted, at);
  return sorted.map((run, i) => {
    const index = longest[i] as number;
    const best = index < 0 ? null : (sorted[index] as Run);
    const l30 = best !== null && best.distanceM > 0 ? best.distanceM : null;
    const ratio = l30 === null ? null : run.distanceM / l30;
    const category = spikeCategory(ratio);
    return {
      runId: run.id,
      distanceM: run.distanceM,
      l30M: l30,
      l30RunId: l30 === null ? null : (best?.id ?? null),
      ratio,
      category,
      hazard: SPIKE_HAZARDS[category],
      spike: ratio !== null && ratio > t.spikeRatio,
    };
  });
}

/**
 * For each run (sorted by start, no NaN), the index of the longest run that started in the 30 × 24 h before it
 * (the earliest of equals; −1 for none). A sliding window whose candidates are kept in a deque of falling
 * distance: O(n) where a scan per run was O(n²).
 */
function longestBefore(sorted: readonly Run[], at: Float64Array): Int32Array {
  const n = sorted.length;
  const out = new Int32Array(n);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const start = at[i] as number;
    // Runs that started strictly before this one (equal starts are not "before").
    while (next < n && (at[next] as number) < start) {
      const distance = (sorted[next] as Run).distanceM;
      // A longer run that started later outlives a shorter one in every later window; equals stay, earliest first.
      while (tail > head && (sorted[deque[tail - 1] as number] as Run).distanceM < distance) tail--;
      deque[tail++] = next++;
    }
    const from = start - 30 * DAY_MS;
    while (head < tail && (at[deque[head] as number] as number) < from) head++;
    out[i] = head < tail ? (deque[head] as number) : -1;
  }
  return out;
}

/** The same as longestBefore by scanning every earlier run (kept for histories holding NaN). */
function longestBeforeByScan(sorted: readonly Run[], at: Float64Array): Int32Array {
  const out = new Int32Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const start = at[i] as number;
    let best = -1;
    for (let j = 0; j < sorted.length; j++) {
      const when = at[j] as number;
      if (when >= start) break;
      const distance = (sorted[j] as Run).distanceM;
      if (when >= start - 30 * DAY_MS && (best < 0 || distance > (sorted[best] as Run).distanceM)) best = j;
    }
    out[i] = best;
  }
  return out;
}

export interface NextRunCeiling {
  /** Longest run on the 30 local days ending `today`. */
  l30M: number;
  longestRunId: number;
  longestRunDate: string;
  /** 1.10 × L30. */
  ceilingM: number;
}

/** The safe ceiling for the next run as of `today`, or null with no run in the last 30 days. */
export function nextRunCeiling(
  runs: readonly Run[],
  today: string,
  overrides: Partial<Thresholds> = {},
): NextRunCeiling | null {
  const t = withDefaults(overrides);
  const from = dayNumber(addDays(today, -29));
  const to = dayNumber(today);
  let best: Run | null = null;
  for (const run of runs) {
    const day = dayNumber(run.localDate);
    if (day >= from && day <= to && run.distanceM > 0 && (best === null || run.distanceM > best.distanceM))
      best = run;
  }
  if (best === null) return null;
  return {
    l30M: best.distanceM,
    longestRunId: best.id,
    longestRunDate: best.localDate,
    ceilingM: best.distanceM * t.spikeRatio,
  };
}
