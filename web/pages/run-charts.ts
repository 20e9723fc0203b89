import type { ActivityDetail } from "../../server/http/api-types.ts";
import { drawRunCadence } from "../charts/run-cadence.ts";
import { chartBox, COLORS } from "../charts/setup.ts";
import { drawTimeSeries } from "../charts/time-series.ts";
import { card } from "../components.ts";
import { h } from "../dom.ts";
import {
  fmtMinSec,
  fmtOscillation,
  fmtStepLength,
  paceUnit,
  shortLengthUnit,
  speedUnit,
  toPaceS,
  toSpeed,
} from "../format.ts";

// The charts of one run's page: each slot is its card plus a draw() to call once the card is in the page.

export interface ChartSlot {
  el: HTMLElement;
  draw: () => void;
}

function has(values: (number | null)[]): boolean {
  return values.some((v) => v !== null);
}

/** Every chart the run has data for, in reading order: cadence, pace (or speed), heart rate, dynamics. */
export function runChartSlots(d: ActivityDetail): ChartSlot[] {
  return [cadenceSlot(d), paceOrSpeedSlot(d), heartRateSlot(d), dynamicsSlot(d)].filter(
    (slot): slot is ChartSlot => slot !== null,
  );
}

function cadenceSlot(d: ActivityDetail): ChartSlot | null {
  if (!has(d.series.cadenceSpm)) return null;
  const { box, canvas } = chartBox(
    "Cadence over time against the expected band",
    "chart-run-cadence",
    "large",
  );
  const key = h(
    "p",
    { class: "chart-key" },
    h("span", { class: "key key-cadence" }, "your cadence"),
    h("span", { class: "key key-band" }, "expected ±5%"),
    d.flaggedSegments.length ? h("span", { class: "key key-flag" }, "low for your speed (5+ min)") : null,
  );
  return { el: card("Cadence", key, box), draw: () => drawRunCadence(canvas, d) };
}

function paceOrSpeedSlot(d: ActivityDetail): ChartSlot | null {
  const s = d.series;
  if (!d.summary.isRun) {
    // Pace means little on a bike or in the pool: show speed.
    if (!has(s.speedMps)) return null;
    const speed = s.speedMps.map((v) => (v === null ? null : toSpeed(v)));
    const { box, canvas } = chartBox("Speed over time", "chart-run-speed");
    return {
      el: card("Speed", box),
      draw: () =>
        drawTimeSeries(canvas, s.timeS, speed, {
          label: "Speed",
          axis: `Speed (${speedUnit()})`,
          format: (v) => v.toFixed(1),
          robustRange: true,
        }),
    };
  }
  // Below 1 m/s is standing or walking: no pace.
  const pace = s.speedMps.map((v) => (v !== null && v >= 1 ? toPaceS(v) : null));
  if (!has(pace)) return null;
  const { box, canvas } = chartBox("Pace over time", "chart-run-pace");
  return {
    el: card("Pace", box),
    draw: () =>
      drawTimeSeries(canvas, s.timeS, pace, {
        label: "Pace",
        axis: `Pace (${paceUnit()})`,
        format: fmtMinSec,
        reverse: true,
        robustRange: true,
        stepChoices: [5, 10, 15, 30, 60, 120, 300],
        flagged: d.flaggedSegments,
      }),
  };
}

function heartRateSlot(d: ActivityDetail): ChartSlot | null {
  const s = d.series;
  if (!has(s.heartRateBpm)) return null;
  const { box, canvas } = chartBox("Heart rate over time", "chart-run-hr");
  return {
    el: card("Heart rate", box),
    draw: () =>
      drawTimeSeries(canvas, s.timeS, s.heartRateBpm, {
        label: "Heart rate",
        axis: "Heart rate (bpm)",
        format: (v) => `${Math.round(v)} bpm`,
        robustRange: true,
        color: COLORS.neutral,
      }),
  };
}

function dynamicsSlot(d: ActivityDetail): ChartSlot | null {
  const dyn = dynamicsSlots(d);
  if (dyn.length === 0) return null;
  return {
    el: card(
      "Running dynamics",
      h(
        "p",
        { class: "muted" },
        "From a chest strap, foot pod or wrist sensor. Ground contact time is rough on watches: read it as a trend.",
      ),
      h("div", { class: "grid grid-two" }, ...dyn.map((x) => x.el)),
    ),
    draw: () => dyn.forEach((x) => x.draw()),
  };
}

function dynamicsSlots(d: ActivityDetail): ChartSlot[] {
  const s = d.series;
  const specs: {
    values: (number | null)[];
    label: string;
    axis: string;
    format: (v: number) => string;
    id: string;
  }[] = [
    {
      values: s.stepLengthM,
      label: "Step length",
      axis: `Step length (${shortLengthUnit("step")})`,
      format: fmtStepLength,
      id: "step-length",
    },
    {
      values: s.verticalOscillationMm,
      label: "Vertical oscillation",
      axis: `Vertical oscillation (${shortLengthUnit("oscillation")})`,
      format: fmtOscillation,
      id: "vertical-oscillation",
    },
    {
      values: s.verticalRatioPct,
      label: "Vertical ratio",
      axis: "Vertical ratio (%)",
      format: (v) => `${v.toFixed(1)}%`,
      id: "vertical-ratio",
    },
    {
      values: s.stanceTimeMs,
      label: "Ground contact time",
      axis: "Ground contact (ms)",
      format: (v) => `${Math.round(v)} ms`,
      id: "ground-contact",
    },
  ];
  return specs
    .filter((spec) => has(spec.values))
    .map((spec) => {
      const { box, canvas } = chartBox(`${spec.label} over time`, `chart-run-${spec.id}`, "small");
      return {
        el: h("div", {}, h("h3", {}, spec.label), box),
        draw: () =>
          drawTimeSeries(canvas, s.timeS, spec.values, { ...spec, robustRange: true, color: COLORS.neutral }),
      };
    });
}
