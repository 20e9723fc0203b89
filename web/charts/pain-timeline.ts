import type { PainEntry } from "../../server/http/api-types.ts";
import { dayNumber, dayToDate, distanceUnit, fmtDate, fmtDistance, toDistance } from "../format.ts";
import { LOCATION_LABELS } from "../labels.ts";
import { navigate } from "../router.ts";
import { plausibleDate } from "./scale.ts";
import { axisTitle, COLORS, dayAxis, makeChart } from "./setup.ts";

export interface TimelineRun {
  id: number;
  localDate: string;
  distanceM: number;
  /** Words for the run's flags; empty when none. */
  flags: string[];
}

/** Runs as bars (orange when flagged) and pain as red points on one date axis, so pain sits under the runs before it. */
export function drawPainTimeline(
  canvas: HTMLCanvasElement,
  runs: TimelineRun[],
  pain: PainEntry[],
  fromDate: string | null,
): void {
  const from = fromDate ? dayNumber(fromDate) : -Infinity;
  const shownRuns = runs.filter((r) => dayNumber(r.localDate) >= from && plausibleDate(r.localDate));
  const shownPain = pain
    .filter((p) => dayNumber(p.date) >= from && plausibleDate(p.date))
    .sort((a, b) => a.date.localeCompare(b.date));
  makeChart(canvas, {
    type: "bar",
    data: {
      datasets: [
        {
          type: "line",
          label: "Hip pain (0–10)",
          yAxisID: "pain",
          data: shownPain.map((p) => ({ x: dayNumber(p.date), y: p.severity })),
          borderColor: COLORS.painLine,
          borderWidth: 1,
          pointBackgroundColor: shownPain.map((p) => (p.severity > 0 ? COLORS.pain : COLORS.surface)),
          pointBorderColor: COLORS.pain,
          pointRadius: shownPain.map((p) => (p.severity > 0 ? 4 : 3)),
          pointHoverRadius: 6,
          // Drawn last, so the dots sit above the distance bars.
          order: 0,
        },
        {
          type: "bar",
          label: "Run distance",
          yAxisID: "y",
          data: shownRuns.map((r) => ({ x: dayNumber(r.localDate), y: toDistance(r.distanceM) })),
          backgroundColor: shownRuns.map((r) => (r.flags.length ? COLORS.flag : COLORS.neutralSoft)),
          maxBarThickness: 10,
          order: 1,
        },
      ],
    },
    options: {
      parsing: false,
      interaction: { mode: "nearest", axis: "x", intersect: false },
      scales: {
        x: dayAxis([
          ...shownRuns.map((r) => dayNumber(r.localDate)),
          ...shownPain.map((p) => dayNumber(p.date)),
        ]),
        y: {
          type: "linear",
          position: "left",
          beginAtZero: true,
          title: axisTitle(`Run distance (${distanceUnit()})`),
        },
        pain: {
          type: "linear",
          position: "right",
          min: 0,
          max: 10,
          title: axisTitle("Pain (0–10)"),
          grid: { drawOnChartArea: false },
        },
      },
      onClick: (_e, elements) => {
        const el = elements.find((e) => e.datasetIndex === 1);
        const run = el ? shownRuns[el.index] : undefined;
        if (run) navigate(`#/runs/${run.id}`);
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => fmtDate(dayToDate(items[0]?.parsed.x ?? 0)),
            label: (item) => {
              if (item.datasetIndex === 0) {
                const p = shownPain[item.dataIndex];
                if (!p) return "";
                if (p.severity === 0) return "No pain";
                return `Pain ${p.severity}/10${p.location ? ` · ${LOCATION_LABELS[p.location].label.toLowerCase()}` : ""}`;
              }
              const r = shownRuns[item.dataIndex];
              return r
                ? `Run: ${fmtDistance(r.distanceM)}${r.flags.length ? ` (${r.flags.join(", ")})` : ""}`
                : "";
            },
          },
        },
      },
    },
  });
}
