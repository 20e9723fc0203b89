import { addDays, dayNumber, instantMs } from "./dates.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { Run } from "./types.ts";

const DAY_MS = 86_400_000;

/** Frandsen 2025 categories of a run's distance against L30. */
export type SpikeCategory = "up_to_10" | "10_to_30" | "30_to_100" | "over_100" | "no_recent_base";

export interface HazardRatio {
  hr: number;
  lo: number;
  hi: number;
}

/** Hazard vs ≤ 10% (Frandsen et al. 2025, BJSM 59:1203); the reference category has none. */
export const SPIKE_HAZARDS: Record<SpikeCategory, HazardRatio | null> = {
  up_to_10: null,
  "10_to_30": { hr: 1.64, lo: 1.31, hi: 2.05 },
  "30_to_100": { hr: 1.52, lo: 1.16, hi: 2.0 },
  over_100: { hr: 2.28, lo: 1.5, hi: 3.48 },
  no_recent_base: null,
};

export const SPIKE_LABELS: Record<SpikeCategory, string> = {
  up_to_10: "≤10%",
  "10_to_30": "10–30%",
  "30_to_100": "30–100%",
  over_100: ">100%",
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
  if (ratio <= 1.1) return "up_to_10";
  if (ratio <= 1.3) return "10_to_30";
  if (ratio <= 2) return "30_to_100";
  return "over_100";
}

/** L30, ratio and category for every run, by start instant (science.md §3). */
export function runSpikes(runs: readonly Run[], overrides: Partial<Thresholds> = {}): RunSpike[] {
  const t = withDefaults(overrides);
  const sorted = [...runs].sort((a, b) => instantMs(a.startUtc) - instantMs(b.startUtc));
  return sorted.map((run) => {
    const start = instantMs(run.startUtc);
    let best: Run | null = null;
    for (const other of sorted) {
      const at = instantMs(other.startUtc);
      if (at >= start) break;
      if (at >= start - 30 * DAY_MS && (best === null || other.distanceM > best.distanceM)) best = other;
    }
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
