import type { CalendarDay, CalendarView } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { loading, pageHeader } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDistance, parseLocalDate } from "../format.ts";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

function monthTitle(month: string): string {
  return parseLocalDate(`${month}-01`).toLocaleDateString(undefined, { month: "long", year: "numeric" });
}

/** Pain severity in three steps, as the pain timeline colours it. */
function painClass(sev: number | null): string {
  if (sev === null) return "";
  if (sev === 0) return " pain-none";
  return sev <= 3 ? " pain-mild" : sev <= 6 ? " pain-moderate" : " pain-severe";
}

/** A month of runs and pain: a dot sized by distance per run, the day tinted by the worst pain logged. */
export async function calendarPage(root: HTMLElement, ctx: { query: URLSearchParams }): Promise<void> {
  const asked = ctx.query.get("month");
  replace(root, pageHeader("Calendar"), loading());
  const view = await api.calendar(asked && /^\d{4}-\d{2}$/.test(asked) ? asked : undefined);
  const runs = view.days.reduce((n, d) => n + d.runs.length, 0);
  replace(
    root,
    pageHeader(
      "Calendar",
      `${monthTitle(view.month)}: ${runs} run${runs === 1 ? "" : "s"}, ${fmtDistance(view.totalDistanceM)}.`,
    ),
    h(
      "nav",
      { class: "pager", "aria-label": "Months" },
      h(
        "a",
        {
          class: "button",
          href: `#/calendar?month=${shiftMonth(view.month, -1)}`,
          "data-testid": "month-prev",
        },
        "← Earlier",
      ),
      h("strong", { "data-testid": "month-title" }, monthTitle(view.month)),
      h(
        "a",
        {
          class: "button",
          href: `#/calendar?month=${shiftMonth(view.month, 1)}`,
          "data-testid": "month-next",
        },
        "Later →",
      ),
    ),
    grid(view),
    legend(),
  );
}

function grid(view: CalendarView): HTMLElement {
  const first = view.days[0];
  // Monday-first, as training weeks are counted.
  const lead = first ? (parseLocalDate(first.date).getDay() + 6) % 7 : 0;
  const longest = Math.max(1, ...view.days.flatMap((d) => d.runs.map((r) => r.distanceM)));
  const cells: HTMLElement[] = [
    ...WEEKDAYS.map((w) => h("div", { class: "cal-head", "aria-hidden": "true" }, w)),
    ...Array.from({ length: lead }, () => h("div", { class: "cal-empty", "aria-hidden": "true" })),
    ...view.days.map((d) => dayCell(d, longest)),
  ];
  return h("div", { class: "calendar", role: "list", "data-testid": "calendar" }, ...cells);
}

/** A run's dot, its area following distance; sized through CSSOM (the CSP forbids style attributes). */
function dot(distanceM: number, longest: number): HTMLElement {
  const el = h("span", { class: "cal-dot", "aria-hidden": "true" });
  el.style.setProperty("--size", `${(8 + 14 * Math.sqrt(distanceM / longest)).toFixed(1)}px`);
  return el;
}

function dayCell(d: CalendarDay, longest: number): HTMLElement {
  const day = Number(d.date.slice(8));
  const label = [
    parseLocalDate(d.date).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" }),
    d.runs.length ? d.runs.map((r) => fmtDistance(r.distanceM)).join(" and ") : "no run",
    d.painSeverity === null ? "" : `pain ${d.painSeverity}/10`,
  ]
    .filter(Boolean)
    .join(", ");
  return h(
    "div",
    {
      class: `cal-day${painClass(d.painSeverity)}`,
      role: "listitem",
      "aria-label": label,
      "data-testid": "cal-day",
      "data-date": d.date,
      "data-pain": d.painSeverity ?? "",
    },
    h("span", { class: "cal-date", "aria-hidden": "true" }, String(day)),
    ...d.runs.map((r) =>
      h(
        "a",
        {
          href: `#/runs/${r.id}`,
          class: "cal-run",
          "data-testid": "cal-run",
          title: r.name ?? fmtDistance(r.distanceM),
        },
        dot(r.distanceM, longest),
        h("span", { class: "cal-km" }, fmtDistance(r.distanceM, false)),
      ),
    ),
    d.painSeverity !== null && d.painSeverity > 0
      ? h("span", { class: "cal-pain" }, `${d.painSeverity}/10`)
      : null,
  );
}

function legend(): HTMLElement {
  return h(
    "p",
    { class: "muted small cal-legend" },
    "Dots are runs, larger for longer. Days are tinted by the worst hip pain logged: ",
    h("span", { class: "swatch pain-mild" }, "1–3"),
    " ",
    h("span", { class: "swatch pain-moderate" }, "4–6"),
    " ",
    h("span", { class: "swatch pain-severe" }, "7–10"),
    ".",
  );
}
