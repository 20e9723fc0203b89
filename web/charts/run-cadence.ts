import type { ActivityDetail } from "../../server/http/api-types.ts";
import { fmtElapsedTick, fmtMinSec } from "../format.ts";
import { cadenceAxis } from "./scale.ts";
import { axisTitle, COLORS, makeChart } from "./setup.ts";

type Point = { x: number; y: number | null };

function points(timeS: number[], values: (number | null)[], scale = 1): Point[] {
  return timeS.map((t, i) => {
    const v = values[i];
    return { x: t / 60, y: v === null || v === undefined ? null : v * scale };
  });
}

/** Cadence over the run against the expected band (±5%), with flagged stretches shaded orange. */
export function drawRunCadence(canvas: HTMLCanvasElement, detail: ActivityDetail): void {
  const s = detail.series;
  // Past an hour the axis reads h:mm, so a long run never shows "81" minutes.
  const long = (s.timeS[s.timeS.length - 1] ?? 0) >= 3600;
  makeChart(canvas, {
    type: "line",
    data: {
      datasets: [
        {
          label: "Expected −5%",
          data: points(s.timeS, s.expectedCadenceSpm, 0.95),
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: COLORS.expectedBand,
        },
        {
          label: "Expected ±5%",
          data: points(s.timeS, s.expectedCadenceSpm, 1.05),
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: COLORS.expectedBand,
          fill: "-1",
        },
        {
          label: "Expected",
          data: points(s.timeS, s.expectedCadenceSpm),
          borderColor: COLORS.expected,
          borderDash: [5, 4],
          borderWidth: 1.5,
          pointRadius: 0,
        },
        {
          label: "Your cadence",
          data: points(s.timeS, s.cadenceSpm),
          borderColor: COLORS.cadence,
          backgroundColor: COLORS.cadence,
          borderWidth: 2,
          pointRadius: 0,
          spanGaps: false,
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
          max: (s.timeS[s.timeS.length - 1] ?? 60) / 60,
          title: axisTitle(long ? "Time (h:mm)" : "Time (min)"),
          ticks: { callback: (v) => fmtElapsedTick(Number(v), long) },
        },
        y: { type: "linear", title: axisTitle("Cadence (steps/min)"), ...runCadenceAxis(detail) },
      },
      plugins: {
        shade: {
          ranges: detail.flaggedSegments.map((seg) => ({ from: seg.startS / 60, to: seg.endS / 60 })),
          color: COLORS.flagSoft,
        },
        legend: { display: false },
        tooltip: {
          filter: (item) => item.dataset.label !== "Expected −5%" && item.dataset.label !== "Expected ±5%",
          callbacks: {
            title: (items) => `At ${fmtMinSec((items[0]?.parsed.x ?? 0) * 60)}`,
            label: (item) => `${item.dataset.label}: ${Math.round(item.parsed.y ?? 0)} spm`,
          },
        },
      },
    },
  });
}

/** From a running floor (2nd percentile − 10, never under 120) so walking breaks and stops do not flatten the line. */
function runCadenceAxis(detail: ActivityDetail): { min: number; max: number } {
  const s = detail.series;
  const xs = [...s.cadenceSpm, ...s.expectedCadenceSpm.map((v) => (v === null ? null : v * 0.95))]
    .filter((v): v is number => v !== null && Number.isFinite(v) && v >= 120)
    .sort((a, b) => a - b);
  const lo = xs[Math.floor(xs.length * 0.02)] ?? null;
  const hi = xs[Math.min(xs.length - 1, Math.ceil(xs.length * 0.995))] ?? null;
  return cadenceAxis(lo === null || hi === null ? [] : [lo, hi]);
}
