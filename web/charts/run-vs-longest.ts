import type { LoadView } from "../../server/api/index.ts";
import { dayNumber, distanceUnit, fmtDate, fmtDistance, toDistance } from "../format.ts";
import { isSpike, spikeSentence } from "../labels.ts";
import { navigate } from "../router.ts";
import { type RatioBucket, ratioBuckets } from "./ratio-buckets.ts";
import { axisTitle, COLORS, dayAxis, makeChart } from "./setup.ts";

/** Each run's distance (bars; orange when a spike) against the longest run of its 30 days before (line). */
export function drawRunVsLongest(canvas: HTMLCanvasElement, load: LoadView): void {
  const runs = [...load.runs].sort((a, b) => a.localDate.localeCompare(b.localDate));
  const colour = (r: LoadView["runs"][number]): string =>
    isSpike(r.category) ? COLORS.flag : r.category === "no_recent_base" ? COLORS.muted : COLORS.neutralSoft;
  makeChart(canvas, {
    type: "bar",
    data: {
      datasets: [
        {
          type: "line",
          label: "Longest run of the 30 days before",
          data: runs.map((r) => ({
            x: dayNumber(r.localDate),
            y: r.longestPrior30dM === null ? null : toDistance(r.longestPrior30dM),
          })),
          borderColor: COLORS.expected,
          borderWidth: 1.5,
          stepped: "before",
          pointRadius: 0,
          spanGaps: false,
        },
        {
          type: "bar",
          label: "Run distance",
          data: runs.map((r) => ({ x: dayNumber(r.localDate), y: toDistance(r.distanceM) })),
          backgroundColor: runs.map(colour),
          barThickness: "flex",
          maxBarThickness: 10,
          minBarLength: 2,
        },
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: dayAxis(runs.map((r) => dayNumber(r.localDate))),
        y: { type: "linear", beginAtZero: true, title: axisTitle(`Distance (${distanceUnit()})`) },
      },
      interaction: { mode: "nearest", axis: "x", intersect: false },
      onClick: (_e, elements) => {
        const el = elements.find((e) => e.datasetIndex === 1);
        const run = el ? runs[el.index] : undefined;
        if (run) navigate(`#/runs/${run.id}`);
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.datasetIndex === 1,
          callbacks: {
            title: (items) => {
              const r = runs[items[0]?.dataIndex ?? 0];
              return r ? fmtDate(r.localDate) : "";
            },
            label: (item) => {
              const r = runs[item.dataIndex];
              return r ? `${fmtDistance(r.distanceM)}: ${spikeSentence(r.ratio, r.category)}` : "";
            },
            afterLabel: (item) => {
              const r = runs[item.dataIndex];
              return r?.longestPrior30dM
                ? `Longest of the 30 days before: ${fmtDistance(r.longestPrior30dM)}`
                : "";
            },
          },
        },
      },
    },
  });
}

/** Long spans: per week or month, the largest run-to-30-day-longest ratio, as a % with the 110% line. */
export function drawRunVsLongestBuckets(
  canvas: HTMLCanvasElement,
  load: LoadView,
  period: "week" | "month",
): void {
  const buckets = ratioBuckets(load.runs, period);
  const pct = (b: RatioBucket): number | null => (b.maxRatio === null ? null : Math.round(b.maxRatio * 100));
  const days = buckets.map((b) => dayNumber(b.start));
  const axis = dayAxis(days, period === "month" ? "Month" : "Week starting");
  makeChart(canvas, {
    type: "bar",
    data: {
      datasets: [
        {
          type: "line",
          label: "10% over the 30-day longest",
          data: [axis.min ?? 0, axis.max ?? 0].map((x) => ({ x, y: 110 })),
          borderColor: COLORS.expected,
          borderWidth: 1.5,
          borderDash: [6, 4],
          pointRadius: 0,
        },
        {
          type: "bar",
          label: `Longest run for its base, per ${period}`,
          data: buckets.map((b, i) => ({ x: days[i] ?? 0, y: pct(b) })),
          backgroundColor: buckets.map((b) => (b.spikes > 0 ? COLORS.flag : COLORS.neutralSoft)),
          barThickness: "flex",
          maxBarThickness: 12,
          minBarLength: 2,
        },
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: axis,
        y: {
          type: "linear",
          beginAtZero: true,
          title: axisTitle("% of the 30-day longest (largest run)"),
          ticks: { callback: (v) => `${v}%` },
        },
      },
      interaction: { mode: "nearest", axis: "x", intersect: false },
      onClick: (_e, elements) => {
        const el = elements.find((e) => e.datasetIndex === 1);
        const top = el ? buckets[el.index]?.top : undefined;
        if (top) navigate(`#/runs/${top.id}`);
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.datasetIndex === 1,
          callbacks: {
            title: (items) => {
              const b = buckets[items[0]?.dataIndex ?? 0];
              if (!b) return "";
              return period === "month"
                ? new Date(`${b.start}T00:00:00`).toLocaleDateString(undefined, {
                    month: "long",
                    year: "numeric",
                  })
                : `Week of ${fmtDate(b.start, { year: true })}`;
            },
            label: (item) => {
              const b = buckets[item.dataIndex];
              if (!b?.top) return "No run with a 30-day base to compare with";
              return `Largest: ${fmtDate(b.top.localDate)}, ${fmtDistance(b.top.distanceM)}, ${spikeSentence(b.top.ratio, b.top.category)}`;
            },
            afterLabel: (item) => {
              const b = buckets[item.dataIndex];
              return b ? `${b.spikes} of ${b.runs} run${b.runs === 1 ? "" : "s"} more than 10% over` : "";
            },
          },
        },
      },
    },
  });
}
