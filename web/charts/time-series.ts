import type { FlaggedSegment } from "../../server/http/api-types.ts";
import { fmtElapsedTick, fmtMinSec } from "../format.ts";
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
  /** Allowed tick steps (e.g. 15, 30, 60 s for pace), so ticks land on round values. */
  stepChoices?: number[];
}

/** The smallest allowed step that gives at most six ticks over the span. */
function niceStep(span: number, choices: number[]): number {
  return choices.find((step) => span / step <= 6) ?? choices[choices.length - 1] ?? 1;
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
  const range: { min?: number; max?: number } =
    opts.robustRange && present.length
      ? { min: percentile(present, 0.02) - pad, max: percentile(present, 0.98) + pad }
      : {};
  // Past an hour the axis reads h:mm, so a long run never shows "81" minutes.
  const long = (timeS[timeS.length - 1] ?? 0) >= 3600;
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
          min: 0,
          max: (timeS[timeS.length - 1] ?? 60) / 60,
          title: axisTitle(long ? "Time (h:mm)" : "Time (min)"),
          ticks: { callback: (v) => fmtElapsedTick(Number(v), long) },
        },
        y: {
          type: "linear",
          reverse: opts.reverse ?? false,
          title: axisTitle(opts.axis),
          ...range,
          ticks: {
            callback: (v) => opts.format(Number(v)),
            includeBounds: false,
            ...(opts.stepChoices && range.min !== undefined && range.max !== undefined
              ? { stepSize: niceStep(range.max - range.min, opts.stepChoices) }
              : {}),
          },
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
