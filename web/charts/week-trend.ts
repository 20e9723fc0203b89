import { dayNumber, dayToDate, fmtDate } from "../format.ts";
import { cadenceAxis, paddedRange, trendSeries, type TrendPoint } from "./scale.ts";
import { axisTitle, COLORS, dayAxis, makeChart } from "./setup.ts";

export interface WeekTrendOptions {
  label: string;
  axis: string;
  color?: string;
  format: (value: number) => string;
  /** Cadence axes start from a sensible floor; others get at least `minSpan` of range. */
  cadence?: boolean;
  minSpan?: number;
  /** Extra tooltip line for a point resting on `runs` runs (e.g. "from 3 runs"). */
  footer?: (runs: number) => string;
}

/**
 * A weekly value over time on a date axis: by week, or by month over long spans, with a smoothed trend line over
 * the points; missing weeks break the line and implausible dates are left out.
 */
export function drawWeekTrend(canvas: HTMLCanvasElement, weeks: TrendPoint[], opts: WeekTrendOptions): void {
  const color = opts.color ?? COLORS.neutral;
  const series = trendSeries(weeks);
  const weights = new Map(
    (series.period === "month" ? [] : weeks).map((w) => [dayNumber(w.date), w.weight] as const),
  );
  const values = series.points.map((p) => p.y);
  const range = opts.cadence ? cadenceAxis(values) : paddedRange(values, opts.minSpan ?? 0);
  const periodWord = series.period === "month" ? "Month" : "Week";
  makeChart(canvas, {
    type: "line",
    data: {
      datasets: [
        {
          label: opts.label,
          data: series.points,
          borderColor: COLORS.gridStrong,
          backgroundColor: color,
          borderWidth: 1,
          pointRadius: series.points.length > 60 ? 1.5 : 3,
          spanGaps: false,
          order: 1,
        },
        {
          label: "Trend",
          data: series.trend,
          borderColor: color,
          borderWidth: 2.5,
          pointRadius: 0,
          tension: 0.35,
          spanGaps: false,
          order: 0,
        },
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: dayAxis(
          series.points.filter((p) => p.y !== null).map((p) => p.x),
          series.period === "month" ? "Month" : "Week starting",
        ),
        y: {
          type: "linear",
          title: axisTitle(opts.axis),
          ...range,
          ticks: { callback: (v) => opts.format(Number(v)), maxTicksLimit: 6, includeBounds: false },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            title: (items) =>
              series.period === "month"
                ? new Date(`${dayToDate(items[0]?.parsed.x ?? 0)}T00:00:00`).toLocaleDateString(undefined, {
                    month: "long",
                    year: "numeric",
                  })
                : `${periodWord} of ${fmtDate(dayToDate(items[0]?.parsed.x ?? 0))}`,
            label: (item) => `${opts.label}: ${opts.format(item.parsed.y ?? 0)}`,
            footer: (items) => {
              const x = items[0]?.parsed.x;
              const runs = x === undefined || x === null ? undefined : weights.get(x);
              return opts.footer && runs !== undefined ? opts.footer(runs) : "";
            },
          },
        },
      },
    },
  });
}
