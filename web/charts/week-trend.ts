import { dayNumber, dayToDate, fmtDate } from "../format.ts";
import { axisTitle, COLORS, dayAxis, makeChart } from "./setup.ts";

export interface WeekTrendOptions {
  label: string;
  axis: string;
  color?: string;
  format: (value: number) => string;
  /** Extra tooltip line per point (e.g. "from 3 runs"). */
  footer?: (index: number) => string;
}

/** A weekly value over months, on a date axis. */
export function drawWeekTrend(
  canvas: HTMLCanvasElement,
  weeks: { weekStart: string; value: number | null }[],
  opts: WeekTrendOptions,
): void {
  const color = opts.color ?? COLORS.neutral;
  makeChart(canvas, {
    type: "line",
    data: {
      datasets: [
        {
          label: opts.label,
          data: weeks.map((w) => ({ x: dayNumber(w.weekStart), y: w.value })),
          borderColor: color,
          backgroundColor: color,
          borderWidth: 2,
          pointRadius: 3,
          spanGaps: true,
        },
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: dayAxis(
          weeks.filter((w) => w.value !== null).map((w) => dayNumber(w.weekStart)),
          "Week starting",
        ),
        y: {
          type: "linear",
          title: axisTitle(opts.axis),
          grace: "10%",
          ticks: { callback: (v) => opts.format(Number(v)) },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => `Week of ${fmtDate(dayToDate(items[0]?.parsed.x ?? 0))}`,
            label: (item) => `${opts.label}: ${opts.format(item.parsed.y ?? 0)}`,
            footer: (items) => (opts.footer && items[0] ? opts.footer(items[0].dataIndex) : ""),
          },
        },
      },
    },
  });
}
