import type { LoadView } from "../../server/http/api-types.ts";
import { dayNumber, dayToDate, fmtDate } from "../format.ts";
import { MONTHS_FROM_DAYS } from "./scale.ts";
import { axisTitle, COLORS, dayAxis, makeChart } from "./setup.ts";

/** Acute:chronic ratios as plain lines: descriptive only, so no bands and no risk colours. */
export function drawAcuteChronic(canvas: HTMLCanvasElement, load: LoadView): void {
  // Past MONTHS_FROM_DAYS a daily line is a band: one point a week (the weekly ratio is what it describes).
  const long = load.acuteChronic.length > MONTHS_FROM_DAYS;
  const shown = long ? load.acuteChronic.filter((_, i) => i % 7 === 0) : load.acuteChronic;
  const points = (key: "uncoupled" | "ewma") => shown.map((p) => ({ x: dayNumber(p.date), y: p[key] }));
  makeChart(canvas, {
    type: "line",
    data: {
      datasets: [
        {
          label: "This week ÷ mean of the 3 before",
          data: points("uncoupled"),
          borderColor: COLORS.neutral,
          borderWidth: 1.8,
          pointRadius: 0,
        },
        {
          label: "Exponentially weighted (7 d ÷ 28 d)",
          data: points("ewma"),
          borderColor: COLORS.muted,
          borderDash: [5, 4],
          borderWidth: 1.5,
          pointRadius: 0,
        },
      ],
    },
    options: {
      parsing: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: dayAxis(shown.map((p) => dayNumber(p.date))),
        y: { type: "linear", title: axisTitle("Ratio"), beginAtZero: true },
      },
      plugins: {
        legend: { labels: { usePointStyle: true, pointStyle: "line" } },
        tooltip: {
          callbacks: {
            title: (items) => fmtDate(dayToDate(items[0]?.parsed.x ?? 0)),
            label: (item) => `${item.dataset.label}: ${(item.parsed.y ?? 0).toFixed(2)}`,
          },
        },
      },
    },
  });
}
