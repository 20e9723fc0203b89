import { dayNumber, runnerToday } from "../format.ts";

// Pure helpers that keep time charts honest at any span: plausible dates only, gaps as gaps, weeks or months by
// span, a smoothed trend, and cadence axes from a sensible floor.

/** Runs dated before 2000 or after tomorrow (a clock never set) stay off time axes. */
export function plausibleDate(date: string, today = runnerToday()): boolean {
  return date >= "2000-01-01" && dayNumber(date) <= dayNumber(today) + 1;
}

export interface TrendPoint {
  date: string;
  value: number | null;
  /** How many runs the value rests on (weights a month's mean). */
  weight: number;
}

export interface Series {
  period: "week" | "month";
  points: { x: number; y: number | null }[];
  trend: { x: number; y: number | null }[];
}

/** Spans longer than this are drawn by month: 80 weekly points is where a line turns into a band. */
export const MONTHS_FROM_DAYS = 560;

function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** Weekly values by month: each month's mean weighted by runs; months with nothing stay null. */
export function byMonth(weeks: readonly TrendPoint[]): TrendPoint[] {
  const months = new Map<string, { sum: number; weight: number }>();
  for (const w of weeks) {
    const key = monthOf(w.date);
    const m = months.get(key) ?? { sum: 0, weight: 0 };
    if (w.value !== null) {
      const weight = Math.max(1, w.weight);
      m.sum += w.value * weight;
      m.weight += weight;
    }
    months.set(key, m);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, m]) => ({ date, value: m.weight > 0 ? m.sum / m.weight : null, weight: m.weight }));
}

/** Points with a null wherever more than one period is missing, so the line breaks instead of bridging. */
export function withGaps(
  points: readonly TrendPoint[],
  periodDays: number,
): { x: number; y: number | null }[] {
  const out: { x: number; y: number | null }[] = [];
  let prev: number | null = null;
  for (const p of points) {
    const x = dayNumber(p.date);
    if (prev !== null && x - prev > periodDays * 1.6) out.push({ x: (prev + x) / 2, y: null });
    out.push({ x, y: p.value });
    prev = x;
  }
  return out;
}

/** A centred moving average over up to `half` points each side, not across gaps. */
export function smoothed(
  points: readonly { x: number; y: number | null }[],
  half = 2,
): { x: number; y: number | null }[] {
  return points.map((p, i) => {
    if (p.y === null) return { x: p.x, y: null };
    let sum = 0;
    let n = 0;
    for (let j = i; j >= Math.max(0, i - half) && points[j]?.y != null; j--) {
      sum += points[j]?.y ?? 0;
      n++;
    }
    for (let j = i + 1; j <= Math.min(points.length - 1, i + half) && points[j]?.y != null; j++) {
      sum += points[j]?.y ?? 0;
      n++;
    }
    return { x: p.x, y: sum / n };
  });
}

/** Weekly values as drawn over their span: by week, or by month past MONTHS_FROM_DAYS; plausible dates only. */
export function trendSeries(weeks: readonly TrendPoint[]): Series {
  const shown = weeks.filter((w) => plausibleDate(w.date));
  const dated = shown.filter((w) => w.value !== null);
  const first = dated[0];
  const last = dated[dated.length - 1];
  const span = first && last ? dayNumber(last.date) - dayNumber(first.date) : 0;
  const period = span > MONTHS_FROM_DAYS ? "month" : "week";
  const rows = period === "month" ? byMonth(shown) : shown;
  const points = withGaps(rows, period === "month" ? 31 : 7);
  return { period, points, trend: smoothed(points, period === "month" ? 2 : 3) };
}

/**
 * A cadence axis from a sensible floor: 10 spm under the lowest value, never under 120 (running), at least
 * `minSpan` wide so two close values do not repeat one tick label.
 */
export function cadenceAxis(values: readonly (number | null)[], minSpan = 20): { min: number; max: number } {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return { min: 140, max: 190 };
  const lo = Math.max(120, Math.floor((Math.min(...xs) - 10) / 5) * 5);
  const hi = Math.max(lo + minSpan, Math.ceil((Math.max(...xs) + 5) / 5) * 5);
  return { min: lo, max: hi };
}

/** A y range at least `minSpan` wide around the values, so ticks differ once formatted. */
export function paddedRange(
  values: readonly (number | null)[],
  minSpan: number,
): { min?: number; max?: number } {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return {};
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (hi - lo >= minSpan) return {};
  const mid = (lo + hi) / 2;
  return { min: mid - minSpan / 2, max: mid + minSpan / 2 };
}
