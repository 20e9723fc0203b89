import type { LoadView } from "../../server/http/api-types.ts";
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

/** Weekly totals summed by calendar month (for spans where weekly bars would be slivers). */
export function monthlyTotals(weekly: LoadView["weekly"], daily: LoadView["daily"]): LoadView["weekly"] {
  const months = new Map<string, { distanceM: number; runs: number }>();
  for (const w of weekly) months.set(`${w.weekStart.slice(0, 7)}-01`, { distanceM: 0, runs: 0 });
  for (const d of daily) {
    const m = months.get(`${d.date.slice(0, 7)}-01`);
    if (m) m.distanceM += d.distanceM;
  }
  const out = [...months.entries()].sort(([a], [b]) => a.localeCompare(b));
  return out.map(([weekStart, m], i) => {
    const prev = out[i - 1]?.[1].distanceM ?? 0;
    return {
      weekStart,
      distanceM: m.distanceM,
      runs: m.runs,
      changePct: prev > 0 ? ((m.distanceM - prev) / prev) * 100 : null,
    };
  });
}

/** Distance bars by week (or by month); bars holding a spike run are orange and the tooltip names those runs. */
export function drawWeeklyLoad(
  canvas: HTMLCanvasElement,
  load: LoadView,
  period: "week" | "month" = "week",
): void {
  const spikesByWeek = new Map<string, LoadView["runs"]>();
  for (const week of load.weekly) {
    const start = dayNumber(week.weekStart);
    spikesByWeek.set(
      week.weekStart,
      load.runs.filter((r) =>
        period === "month"
          ? isSpike(r.category) && r.localDate.slice(0, 7) === week.weekStart.slice(0, 7)
          : isSpike(r.category) &&
            dayNumber(r.localDate) >= start &&
            dayNumber(r.localDate) < start + DAY_NS_WEEK,
      ),
    );
  }
  if (period === "month") {
    for (const w of load.weekly)
      w.runs = load.runs.filter((r) => r.localDate.slice(0, 7) === w.weekStart.slice(0, 7)).length;
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
        x: {
          title: axisTitle(period === "month" ? "Month" : "Week starting"),
          ticks: { maxRotation: 0, autoSkipPadding: 12 },
        },
        y: { title: axisTitle(`Distance (${distanceUnit()})`), beginAtZero: true },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const w = load.weekly[items[0]?.dataIndex ?? 0];
              if (!w) return "";
              return period === "month"
                ? new Date(`${w.weekStart}T00:00:00`).toLocaleDateString(undefined, {
                    month: "long",
                    year: "numeric",
                  })
                : `Week of ${fmtDate(w.weekStart)}`;
            },
            label: (item) => {
              const w = load.weekly[item.dataIndex];
              if (!w) return "";
              const change =
                w.changePct === null ? "" : ` (${fmtSignedPct(w.changePct)} on the ${period} before)`;
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
