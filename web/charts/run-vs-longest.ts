import type { LoadView } from "../../server/api/index.ts";
import { dayNumber, distanceUnit, fmtDate, fmtDistance, toDistance } from "../format.ts";
import { isSpike, spikeSentence } from "../labels.ts";
import { navigate } from "../router.ts";
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
