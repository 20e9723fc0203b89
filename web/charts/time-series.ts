import type { FlaggedSegment } from "../../server/http/api-types.ts";
import { fmtMinSec } from "../format.ts";
import { axisTitle, COLORS, makeChart } from "./setup.ts";

export interface TimeSeriesOptions {
  label: string;
  axis: string;
  color?: string;
  /** Formats a value for ticks and tooltips. */
  format: (value: number) => string;
  /** Faster paces are smaller numbers: draw them higher. */
  reverse?: boolean;
  /** Clip the axis to the 2nd–98th percentile so one stop does not flatten the line. */
  robustRange?: boolean;
  flagged?: FlaggedSegment[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round((sorted.length - 1) * p)))] ?? 0;
}

/** One measured value over a run's time (pace, heart rate, running dynamics). */
export function drawTimeSeries(
  canvas: HTMLCanvasElement,
  timeS: number[],
  values: (number | null)[],
  opts: TimeSeriesOptions,
): void {
  const data = timeS.map((t, i) => ({ x: t / 60, y: values[i] ?? null }));
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const pad = present.length ? (percentile(present, 0.98) - percentile(present, 0.02)) * 0.1 || 1 : 0;
  const range =
    opts.robustRange && present.length
      ? { min: percentile(present, 0.02) - pad, max: percentile(present, 0.98) + pad }
      : {};
  makeChart(canvas, {
    type: "line",
    data: {
      datasets: [
        {
          label: opts.label,
          data,
          borderColor: opts.color ?? COLORS.neutral,
          backgroundColor: opts.color ?? COLORS.neutral,
          borderWidth: 1.8,
          pointRadius: 0,
        },
      ],
    },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: {
          type: "linear",
          title: axisTitle("Time (min)"),
          ticks: { callback: (v) => String(Math.round(Number(v))) },
        },
        y: {
          type: "linear",
          reverse: opts.reverse ?? false,
          title: axisTitle(opts.axis),
          ...range,
          ticks: { callback: (v) => opts.format(Number(v)), includeBounds: false },
        },
      },
      plugins: {
        legend: { display: false },
        shade: {
          ranges: (opts.flagged ?? []).map((s) => ({ from: s.startS / 60, to: s.endS / 60 })),
          color: COLORS.flagSoft,
        },
        tooltip: {
          callbacks: {
            title: (items) => `At ${fmtMinSec((items[0]?.parsed.x ?? 0) * 60)}`,
            label: (item) => `${opts.label}: ${opts.format(item.parsed.y ?? 0)}`,
          },
        },
      },
    },
  });
}
