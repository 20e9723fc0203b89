import type { Chart, ChartType, Plugin } from "chart.js";

export interface ShadeRange {
  from: number;
  to: number;
}

export interface ShadeOptions {
  ranges?: ShadeRange[];
  color?: string;
}

declare module "chart.js" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the type parameter must match Chart.js's to merge
  interface PluginOptionsByType<TType extends ChartType> {
    /** Vertical stripes behind the data, in x-axis units (flagged stretches of a run). */
    shade?: ShadeOptions;
  }
}

/** Shades x ranges behind the datasets; used for the flagged stretches of a run. */
export const shadePlugin: Plugin = {
  id: "shade",
  beforeDatasetsDraw(chart: Chart, _args: unknown, options: ShadeOptions) {
    const ranges = options.ranges ?? [];
    const x = chart.scales.x;
    if (!x || ranges.length === 0) return;
    const { top, bottom, left, right } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = options.color ?? "rgba(234, 88, 12, 0.14)";
    for (const range of ranges) {
      const x0 = Math.max(left, x.getPixelForValue(range.from));
      const x1 = Math.min(right, x.getPixelForValue(range.to));
      if (x1 > x0) ctx.fillRect(x0, top, x1 - x0, bottom - top);
    }
    ctx.restore();
  },
};
