import type { CadenceView } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { drawCadenceScatter } from "../charts/cadence-scatter.ts";
import { chartBox, COLORS } from "../charts/setup.ts";
import { drawWeekTrend } from "../charts/week-trend.ts";
import { card, loading, noData, pageHeader, why } from "../components.ts";
import { h, replace, type Child } from "../dom.ts";
import { plausibleDate } from "../charts/scale.ts";
import { inRange, rangePicker, type ChartRange } from "../range-picker.ts";
import {
  dayNumber,
  dayToDate,
  fmtCadence,
  fmtPace,
  fmtStepLength,
  getUnits,
  shortLengthUnit,
  metresPerUnit,
  speedUnit,
  runnerToday,
} from "../format.ts";

/** Expected cadence at a speed from the model (quadratic in speed). */
function expectedAt(view: CadenceView, mps: number): number {
  const m = view.model;
  return m.interceptSpm + m.slopeSpmPerMps * mps + m.quadSpmPerMps2 * mps * mps;
}

/** The slope of the expected line at the reference speed, per km/h or mph rather than per m/s. */
function risePerUnit(view: CadenceView): number {
  const m = view.model;
  const perMps = m.slopeSpmPerMps + 2 * m.quadSpmPerMps2 * view.referenceSpeedMps;
  return perMps * (metresPerUnit() / 3600);
}

/** Cadence against speed across all runs, and whether cadence at a reference speed is moving over the weeks. */
export async function cadencePage(root: HTMLElement): Promise<void> {
  replace(root, pageHeader("Cadence"), loading());
  const view = await api.cadence();
  const ref = view.referenceSpeedMps;
  const scatter = chartBox(
    "Cadence against speed for all your runs, with your usual line and the population line",
    "chart-cadence-scatter",
    "large",
  );
  const trend = chartBox(`Cadence at ${fmtPace(ref)} by week`, "chart-cadence-trend");
  const header = pageHeader(
    "Cadence",
    "Cadence rises with speed, so Stridewise compares each run with what you usually run at the same speed, not with a single number like 180.",
  );
  if (view.points.length === 0) {
    replace(
      root,
      header,
      modelCard(view),
      noData("No runs with cadence yet: your cadence against speed appears here once there are some."),
    );
    return;
  }
  const hasTrend = view.trend.some((w) => w.cadenceAtReferenceSpm !== null);
  replace(
    root,
    header,
    modelCard(view),
    card(
      "Cadence against speed",
      h(
        "p",
        { class: "chart-key" },
        h("span", { class: "key key-dot" }, "your runs (click one to open it)"),
        h(
          "span",
          { class: "key key-line" },
          view.model.kind === "personal" ? "your usual cadence" : "expected",
        ),
        h("span", { class: "key key-dashed" }, "population average"),
      ),
      scatter.box,
    ),
    trendCard(
      `Cadence at ${fmtPace(ref)}`,
      h(
        "p",
        { class: "muted" },
        "Each week's runs, read at the same speed so a faster week doesn't look like better form. Is retraining working? This line rising says yes.",
      ),
      hasTrend
        ? trend.box
        : h(
            "p",
            { class: "muted", "data-testid": "no-trend" },
            `Not enough yet: this needs runs that include stretches near ${fmtPace(ref)}.`,
          ),
    ),
  );
  drawCadenceScatter(scatter.canvas, view);
  const dynamics = dynamicsTrends(view);
  const picker = rangePicker("Time range for the charts over time", (range) => {
    if (hasTrend) drawCadenceTrend(trend.canvas, view, range);
    dynamics?.draw(range);
  });
  root.querySelector(".trend-card")?.before(h("div", { class: "toolbar" }, picker));
  if (dynamics) root.append(dynamics.el);
}

/** The day the ranges end on: today, or the latest plausible week when the history stops earlier. */
function rangeEnd(view: CadenceView): string {
  const weeks = view.trend.filter((w) => w.runs > 0 && plausibleDate(w.weekStart));
  const last = weeks[weeks.length - 1]?.weekStart;
  const today = runnerToday();
  return last && dayNumber(last) + 6 < dayNumber(today) ? dayToDate(dayNumber(last) + 6) : today;
}

function weeksIn(view: CadenceView, range: ChartRange): CadenceView["trend"] {
  const end = rangeEnd(view);
  return view.trend.filter((w) => inRange(w.weekStart, range, end));
}

function drawCadenceTrend(canvas: HTMLCanvasElement, view: CadenceView, range: ChartRange): void {
  drawWeekTrend(
    canvas,
    weeksIn(view, range).map((w) => ({ date: w.weekStart, value: w.cadenceAtReferenceSpm, weight: w.runs })),
    {
      label: "Cadence",
      axis: "Cadence (steps/min)",
      color: COLORS.cadence,
      cadence: true,
      format: (v) => `${Math.round(v)} spm`,
      footer: (runs) => `from ${runs} run${runs === 1 ? "" : "s"}`,
    },
  );
}

function modelCard(view: CadenceView): HTMLElement {
  const m = view.model;
  const ref = view.referenceSpeedMps;
  return card(
    m.kind === "personal" ? "Your usual cadence" : "Expected cadence (population line)",
    h(
      "p",
      { class: "big-sentence", "data-testid": "cadence-model" },
      m.kind === "personal"
        ? `At ${fmtPace(ref)} you usually run at about ${fmtCadence(expectedAt(view, ref))}, and about ${risePerUnit(view).toFixed(1)} spm more for every ${speedUnit()} faster.`
        : `Until you have enough varied runs, Stridewise expects about ${fmtCadence(expectedAt(view, ref))} at ${fmtPace(ref)}: the average of 256 recreational runners.`,
    ),
    why(
      "How is this worked out?",
      h("p", {}, m.explanation),
      h(
        "p",
        {},
        m.kind === "personal"
          ? `Fitted on ${m.runs} runs${m.speedRangeMps ? ` between ${fmtPace(m.speedRangeMps[1])} and ${fmtPace(m.speedRangeMps[0])}` : ""}.`
          : `The population line is spm ≈ 150 + ${getUnits() === "mi" ? "2.7 × speed (mph)" : "1.7 × speed (km/h)"}, from van Oeveren et al. 2019 (Garmin data, 256 runners). Your own line needs at least 8 runs covering a range of speeds.`,
      ),
      h(
        "p",
        { class: "muted" },
        "A run is flagged when much of it sits 5% or more below the line at its speed. That suggests possible overstriding; a watch cannot see where the foot lands.",
      ),
      h("p", {}, h("a", { href: "#/runs?flag=overstriding" }, "The runs flagged so far")),
    ),
  );
}

/** The running-dynamics trends by week: the card and how to draw it for a range; null with no sensor data. */
function dynamicsTrends(view: CadenceView): { el: HTMLElement; draw: (range: ChartRange) => void } | null {
  const specs = [
    {
      key: "stepLengthM",
      label: "Step length",
      axis: `Step length (${shortLengthUnit("step")})`,
      format: (v: number) => fmtStepLength(v),
      minSpan: 0.1,
      id: "step-length",
    },
    {
      key: "verticalRatioPct",
      label: "Vertical ratio",
      axis: "Vertical ratio (%)",
      format: (v: number) => `${v.toFixed(1)}%`,
      minSpan: 1,
      id: "vertical-ratio",
    },
    {
      key: "stanceTimeMs",
      label: "Ground contact time",
      axis: "Ground contact (ms)",
      format: (v: number) => `${Math.round(v)} ms`,
      minSpan: 20,
      id: "ground-contact",
    },
  ] as const;
  const present = specs.filter((s) => view.trend.some((w) => w[s.key] !== null));
  if (present.length === 0) return null;
  const boxes = present.map((s) => ({
    spec: s,
    ...chartBox(`${s.label} over time`, `chart-trend-${s.id}`, "small"),
  }));
  const el = card(
    "Running dynamics over time",
    h(
      "p",
      { class: "muted" },
      "Only weeks with a sensor that records them. Personal trends only: step length at a given speed follows from cadence, and ground contact time from a watch is rough.",
    ),
    h("div", { class: "grid grid-3" }, ...boxes.map((b) => h("div", {}, h("h3", {}, b.spec.label), b.box))),
  );
  const draw = (range: ChartRange): void => {
    const weeks = weeksIn(view, range);
    for (const b of boxes) {
      drawWeekTrend(
        b.canvas,
        weeks.map((w) => ({ date: w.weekStart, value: w[b.spec.key], weight: w.runs })),
        { label: b.spec.label, axis: b.spec.axis, format: b.spec.format, minSpan: b.spec.minSpan },
      );
    }
  };
  return { el, draw };
}

function trendCard(title: string, ...children: Child[]): HTMLElement {
  const el = card(title, ...children);
  el.classList.add("trend-card");
  return el;
}
