import type { CadenceView } from "../../server/http/api-types.ts";
import { fmtDate, fmtPace, metresPerUnit, speedUnit, toSpeed } from "../format.ts";
import { navigate } from "../router.ts";
import { cadenceAxis } from "./scale.ts";
import { axisTitle, COLORS, makeChart } from "./setup.ts";

interface RunPoint {
  x: number;
  y: number;
  runId: number;
  localDate: string;
}

/** Cadence against speed for every run stretch, with the personal and population lines. Click a point to open its run. */
export function drawCadenceScatter(canvas: HTMLCanvasElement, view: CadenceView): void {
  const pts: RunPoint[] = view.points.map((p) => ({
    x: toSpeed(p.speedMps),
    y: p.cadenceSpm,
    runId: p.runId,
    localDate: p.localDate,
  }));
  const line = (l: CadenceView["personalLine"]) =>
    l.map((p) => ({ x: toSpeed(p.speedMps), y: p.cadenceSpm }));
  makeChart(canvas, {
    type: "scatter",
    data: {
      datasets: [
        {
          label: "Your runs",
          data: pts,
          backgroundColor: COLORS.cadenceSoft,
          borderColor: "transparent",
          pointRadius: pts.length > 400 ? 2.5 : 4,
          pointHoverRadius: 6,
        },
        {
          type: "line",
          label:
            view.model.kind === "personal"
              ? "Your usual cadence"
              : "Expected (population line until yours exists)",
          data: line(view.personalLine),
          borderColor: COLORS.cadence,
          borderWidth: 2.5,
          pointRadius: 0,
        },
        {
          type: "line",
          label: "Population average",
          data: line(view.populationLine),
          borderColor: COLORS.expected,
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointRadius: 0,
        },
      ],
    },
    options: {
      scales: {
        x: { type: "linear", title: axisTitle(`Speed (${speedUnit()})`) },
        y: {
          type: "linear",
          title: axisTitle("Cadence (steps/min)"),
          ...cadenceAxis([...pts.map((p) => p.y), ...view.personalLine.map((p) => p.cadenceSpm)]),
          ticks: { precision: 0, includeBounds: false },
        },
      },
      onClick: (_event, elements) => {
        const el = elements.find((e) => e.datasetIndex === 0);
        const p = el ? pts[el.index] : undefined;
        if (p) navigate(`#/runs/${p.runId}`);
      },
      onHover: (event, elements) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement)
          target.style.cursor = elements.some((e) => e.datasetIndex === 0) ? "pointer" : "default";
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const item = items[0];
              if (!item) return "";
              const p = item.datasetIndex === 0 ? pts[item.dataIndex] : undefined;
              return p ? fmtDate(p.localDate) : String(item.dataset.label ?? "");
            },
            label: (item) => {
              const mps = (item.parsed.x ?? 0) * (metresPerUnit() / 3600);
              return `${Math.round(item.parsed.y ?? 0)} spm at ${fmtPace(mps)} (${(item.parsed.x ?? 0).toFixed(1)} ${speedUnit()})`;
            },
          },
        },
      },
    },
  });
}
