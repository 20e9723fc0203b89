import type { ActivityDetail } from "../../server/api/index.ts";
import { fmtMinSec } from "../format.ts";
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
          title: axisTitle("Time (min)"),
          ticks: { callback: (v) => String(Math.round(Number(v))) },
        },
        y: { type: "linear", title: axisTitle("Cadence (steps/min)"), grace: "5%" },
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
