import type { LoadView } from "../../server/api/index.ts";
import {
  dayNumber,
  distanceUnit,
  fmtAxisDate,
  fmtDate,
  fmtDistance,
  fmtSignedPct,
  toDistance,
} from "../format.ts";
import { isSpike } from "../labels.ts";
import { axisTitle, COLORS, makeChart } from "./setup.ts";

const DAY_NS_WEEK = 7;

/** Weekly distance bars; weeks holding a spike run are orange and the tooltip names those runs. */
export function drawWeeklyLoad(canvas: HTMLCanvasElement, load: LoadView): void {
  const spikesByWeek = new Map<string, LoadView["runs"]>();
  for (const week of load.weekly) {
    const start = dayNumber(week.weekStart);
    spikesByWeek.set(
      week.weekStart,
      load.runs.filter(
        (r) =>
          isSpike(r.category) &&
          dayNumber(r.localDate) >= start &&
          dayNumber(r.localDate) < start + DAY_NS_WEEK,
      ),
    );
  }
  const first = load.weekly[0];
  const last = load.weekly[load.weekly.length - 1];
  const span = first && last ? Math.abs(dayNumber(last.weekStart) - dayNumber(first.weekStart)) : 0;
  const labels = load.weekly.map((w) => fmtAxisDate(w.weekStart, span));
  makeChart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          label: `Distance (${distanceUnit()})`,
          data: load.weekly.map((w) => toDistance(w.distanceM)),
          backgroundColor: load.weekly.map((w) =>
            (spikesByWeek.get(w.weekStart)?.length ?? 0) > 0 ? COLORS.flag : COLORS.neutralSoft,
          ),
          borderRadius: 3,
        },
      ],
    },
    options: {
      scales: {
        x: { title: axisTitle("Week starting"), ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { title: axisTitle(`Distance (${distanceUnit()})`), beginAtZero: true },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const w = load.weekly[items[0]?.dataIndex ?? 0];
              return w ? `Week of ${fmtDate(w.weekStart)}` : "";
            },
            label: (item) => {
              const w = load.weekly[item.dataIndex];
              if (!w) return "";
              const change = w.changePct === null ? "" : ` (${fmtSignedPct(w.changePct)} on the week before)`;
              return `${fmtDistance(w.distanceM)} in ${w.runs} run${w.runs === 1 ? "" : "s"}${change}`;
            },
            afterBody: (items) => {
              const w = load.weekly[items[0]?.dataIndex ?? 0];
              const spikes = w ? (spikesByWeek.get(w.weekStart) ?? []) : [];
              return spikes.map(
                (r) => `Spike: ${fmtDate(r.localDate, { year: false })}, ${fmtDistance(r.distanceM)}`,
              );
            },
          },
        },
      },
    },
  });
}
