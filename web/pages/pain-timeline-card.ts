import type { PainEntry, RunTimeline } from "../../server/api/index.ts";
import { drawPainTimeline, type TimelineRun } from "../charts/pain-timeline.ts";
import { chartBox, destroyCharts } from "../charts/setup.ts";
import { card } from "../components.ts";
import { h, replace } from "../dom.ts";
import { dayNumber, dayToDate, runnerToday } from "../format.ts";
import { plausibleDate } from "../charts/scale.ts";

type Range = "6w" | "3m" | "all";
const RANGES: [Range, string][] = [
  ["6w", "6 weeks"],
  ["3m", "3 months"],
  ["all", "All"],
];
const RANGE_DAYS: Record<Exclude<Range, "all">, number> = { "6w": 42, "3m": 91 };

function runFlagWords(r: RunTimeline["runs"][number]): string[] {
  const words: string[] = [];
  if (r.lowCadence) words.push("low cadence for speed");
  if (r.spike) words.push("spike");
  return words;
}

/** Runs (bars, orange when flagged) and pain (points) on one date axis, with a time range. */
export class PainTimelineCard {
  readonly el = h("div", {});
  private runs: TimelineRun[] = [];
  private pain: PainEntry[] = [];
  // Six weeks fit a phone; three months a desktop.
  private range: Range = window.matchMedia("(max-width: 600px)").matches ? "6w" : "3m";

  /** The server leaves out runs too short to count and runs dated implausibly (the chart also checks the date). */
  setRuns(timeline: RunTimeline): void {
    this.runs = timeline.runs.map((r) => ({
      id: r.id,
      localDate: r.localDate,
      distanceM: r.distanceM,
      flags: runFlagWords(r),
    }));
  }

  draw(pain: PainEntry[] = this.pain): void {
    this.pain = pain;
    destroyCharts();
    if (this.runs.length === 0 && pain.length === 0) {
      const text = "Your entries appear here on one timeline with your runs, once there are some.";
      replace(this.el, card("Pain and runs", h("p", { class: "muted" }, text)));
      return;
    }
    const { box, canvas } = chartBox(
      "Runs as bars and hip pain as points on one date axis",
      "chart-pain-timeline",
    );
    replace(
      this.el,
      card(
        "Pain and runs",
        h(
          "div",
          { class: "toolbar" },
          h(
            "div",
            { class: "segmented", role: "group", "aria-label": "Time range" },
            ...RANGES.map(([value, text]) => this.rangeButton(value, text)),
          ),
        ),
        h(
          "p",
          { class: "chart-key" },
          h("span", { class: "key key-bar" }, "run"),
          h("span", { class: "key key-flag" }, "flagged run"),
          h("span", { class: "key key-pain" }, "pain"),
          h("span", { class: "key key-nopain" }, "pain-free day"),
        ),
        box,
      ),
    );
    // A log that stopped long ago is shown up to its last entry or run, not as months of empty axis.
    const latest = [...this.runs.map((r) => r.localDate), ...pain.map((p) => p.date)]
      .filter((d) => plausibleDate(d))
      .reduce((m, d) => (d > m ? d : m), "");
    const today = runnerToday();
    const end = latest && dayNumber(today) - dayNumber(latest) > 14 ? latest : today;
    const from = this.range === "all" ? null : dayToDate(dayNumber(end) - RANGE_DAYS[this.range]);
    drawPainTimeline(canvas, this.runs, pain, from);
  }

  private rangeButton(value: Range, text: string): HTMLButtonElement {
    const b = h(
      "button",
      {
        type: "button",
        class: "button small",
        "aria-pressed": String(this.range === value),
        "data-range": value,
      },
      text,
    );
    b.addEventListener("click", () => {
      this.range = value;
      this.draw();
    });
    return b;
  }
}
