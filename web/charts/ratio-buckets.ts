import type { LoadView } from "../../server/api/index.ts";
import { dayNumber, dayToDate } from "../format.ts";
import { isSpike } from "../labels.ts";
import { MONTHS_FROM_DAYS } from "./scale.ts";

type LoadRun = LoadView["runs"][number];

/** How the per-run chart is drawn over a span: one bar per run up to a year, then by week, then by month. */
export type RunChartPeriod = "run" | "week" | "month";

/** Up to a year, runs are bars of their own (about 250 bars at most for a daily runner). */
export const RUNS_UP_TO_DAYS = 366;

export function runChartPeriod(spanDays: number): RunChartPeriod {
  if (spanDays <= RUNS_UP_TO_DAYS) return "run";
  return spanDays <= MONTHS_FROM_DAYS ? "week" : "month";
}

/** One week or month of runs: the run that went furthest past its 30-day longest stands for it. */
export interface RatioBucket {
  /** The Monday of the week, or the 1st of the month. */
  start: string;
  /** Highest distance / longest-of-the-30-days-before among its runs; null when none had a recent base. */
  maxRatio: number | null;
  /** The run with that ratio (what a click opens). */
  top: LoadRun | null;
  runs: number;
  /** Runs more than 10% over their 30-day longest. */
  spikes: number;
}

function bucketStart(date: string, period: "week" | "month"): string {
  if (period === "month") return `${date.slice(0, 7)}-01`;
  // Day 0 of dayNumber() is a Thursday (1970-01-01): Monday is 3 days later.
  const day = dayNumber(date);
  return dayToDate(day - ((((day - 4) % 7) + 7) % 7));
}

/** Runs grouped by week or month, oldest first, each bucket with its largest ratio. */
export function ratioBuckets(runs: readonly LoadRun[], period: "week" | "month"): RatioBucket[] {
  const buckets = new Map<string, RatioBucket>();
  for (const r of runs) {
    const start = bucketStart(r.localDate, period);
    const b = buckets.get(start) ?? { start, maxRatio: null, top: null, runs: 0, spikes: 0 };
    b.runs++;
    if (isSpike(r.category)) b.spikes++;
    if (r.ratio !== null && (b.maxRatio === null || r.ratio > b.maxRatio)) {
      b.maxRatio = r.ratio;
      b.top = r;
    }
    buckets.set(start, b);
  }
  return [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start));
}
