import {
  BarController,
  BarElement,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  CategoryScale,
  type ChartConfiguration,
  type ChartType,
  type DefaultDataPoint,
} from "chart.js";
import { h } from "../dom.ts";
import { dayToDate, fmtAxisDate } from "../format.ts";
import { shadePlugin } from "./shade-plugin.ts";

// Only the Chart.js parts the dashboard draws with, so the bundle stays small.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  shadePlugin,
);

const LIGHT = {
  cadence: "#0f766e",
  cadenceSoft: "rgba(15, 118, 110, 0.5)",
  expected: "#64748b",
  expectedBand: "rgba(148, 163, 184, 0.28)",
  flag: "#ea580c",
  flagSoft: "rgba(234, 88, 12, 0.14)",
  pain: "#dc2626",
  painLine: "rgba(220, 38, 38, 0.3)",
  neutral: "#475569",
  neutralSoft: "rgba(71, 85, 105, 0.55)",
  muted: "#94a3b8",
  grid: "rgba(100, 116, 139, 0.15)",
  gridStrong: "rgba(100, 116, 139, 0.45)",
  text: "#334155",
  surface: "#ffffff",
};

const DARK: typeof LIGHT = {
  cadence: "#2dd4bf",
  cadenceSoft: "rgba(45, 212, 191, 0.5)",
  expected: "#94a3b8",
  expectedBand: "rgba(148, 163, 184, 0.22)",
  flag: "#fb923c",
  flagSoft: "rgba(251, 146, 60, 0.18)",
  pain: "#f87171",
  painLine: "rgba(248, 113, 113, 0.35)",
  neutral: "#cbd5e1",
  neutralSoft: "rgba(148, 163, 184, 0.55)",
  muted: "#94a3b8",
  grid: "rgba(148, 163, 184, 0.16)",
  gridStrong: "rgba(148, 163, 184, 0.45)",
  text: "#c3cad6",
  surface: "#141d2d",
};

const darkQuery = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;

/**
 * The palette: one accent for cadence, a neutral band for "expected", orange for flags, red for pain only; the dark
 * set when the system is dark. Mutated in place on a theme change, so every chart drawn after reads the new one.
 */
export const COLORS = { ...(darkQuery?.matches ? DARK : LIGHT) };

function applyDefaults(): void {
  Chart.defaults.color = COLORS.text;
  Chart.defaults.borderColor = COLORS.grid;
}

/** Follows a system theme change: new colours, then `redraw` (the router re-renders the page). */
export function followTheme(redraw: () => void): void {
  darkQuery?.addEventListener("change", () => {
    Object.assign(COLORS, darkQuery.matches ? DARK : LIGHT);
    applyDefaults();
    redraw();
  });
}

Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || "system-ui, sans-serif";
Chart.defaults.font.size = 12;
applyDefaults();
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.animation = false;
Chart.defaults.plugins.tooltip.padding = 10;
Chart.defaults.plugins.tooltip.bodyFont = { size: 13 };
Chart.defaults.plugins.tooltip.titleFont = { size: 13, weight: "bold" };
Chart.defaults.plugins.legend.labels.boxWidth = 14;

const live = new Set<Chart>();

/** Draws a chart on a canvas that is in the page; returns null when the page changed meanwhile. */
export function makeChart<TType extends ChartType, TData = DefaultDataPoint<TType>>(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<TType, TData>,
): Chart<TType, TData> | null {
  if (!canvas.isConnected) return null;
  // Redrawing a canvas (a new range) replaces its chart.
  const old = Chart.getChart(canvas);
  if (old) {
    live.delete(old);
    old.destroy();
  }
  const chart = new Chart(canvas, config);
  live.add(chart as unknown as Chart);
  return chart;
}

/** Destroys every chart drawn so far (on navigation). */
export function destroyCharts(): void {
  for (const chart of live) chart.destroy();
  live.clear();
}

/** A sized box with a labelled canvas; the label is what screen readers announce for the chart. */
export function chartBox(
  label: string,
  testid: string,
  size: "small" | "medium" | "large" = "medium",
): { box: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h("canvas", { role: "img", "aria-label": label, "data-testid": testid });
  canvas.textContent = label;
  return { box: h("div", { class: `chart chart-${size}` }, canvas), canvas };
}

/** A linear x axis of day numbers (see dayNumber()), fitted to the data and labelled with short dates. */
export function dayAxis(days: number[], title = "Date") {
  const finite = days.filter((d) => Number.isFinite(d));
  // At least two weeks wide, so a single run does not get an axis of hours.
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 0;
  const pad = Math.max(1, (hi - lo) * 0.02, (14 - (hi - lo)) / 2);
  const min = finite.length ? lo - pad : undefined;
  const max = finite.length ? hi + pad : undefined;
  const span = min !== undefined && max !== undefined ? max - min : 0;
  return {
    type: "linear" as const,
    offset: false,
    title: axisTitle(title),
    min,
    max,
    ticks: {
      callback: (v: number | string) => fmtAxisDate(dayToDate(Number(v)), span),
      maxTicksLimit: 8,
      precision: 0,
      includeBounds: false,
    },
  };
}

/** An axis title in the chart's style. */
export function axisTitle(text: string): { display: true; text: string } {
  return { display: true, text };
}
