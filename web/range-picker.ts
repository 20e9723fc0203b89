import { h } from "./dom.ts";
import { dayNumber, todayLocal } from "./format.ts";

// The time range every time chart offers: the last 3 months, the last year, or everything.

export type ChartRange = "3m" | "1y" | "all";
export const RANGE_LABELS: Record<ChartRange, string> = { "3m": "3 months", "1y": "1 year", all: "All" };
const RANGE_DAYS: Record<ChartRange, number> = { "3m": 91, "1y": 365, all: Infinity };

/** The first day a range shows, ending at `end` (default today); null for "all". */
export function rangeStart(range: ChartRange, end = todayLocal()): number | null {
  return range === "all" ? null : dayNumber(end) - RANGE_DAYS[range];
}

/** True when a date falls in the range ending at `end`. */
export function inRange(date: string, range: ChartRange, end = todayLocal()): boolean {
  const from = rangeStart(range, end);
  return from === null || (dayNumber(date) >= from && dayNumber(date) <= dayNumber(end));
}

/** A 3 months / 1 year / All button group; calls onChange now with `initial` and on every pick. */
export function rangePicker(
  label: string,
  onChange: (range: ChartRange) => void,
  initial: ChartRange = "1y",
  testid = "range-picker",
): HTMLElement {
  const buttons = (Object.keys(RANGE_LABELS) as ChartRange[]).map((value) => {
    const b = h(
      "button",
      { type: "button", class: "button small", "data-range": value },
      RANGE_LABELS[value],
    );
    b.addEventListener("click", () => select(value));
    return b;
  });
  const select = (range: ChartRange): void => {
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.range === range));
    onChange(range);
  };
  queueMicrotask(() => select(initial));
  return h(
    "div",
    { class: "segmented", role: "group", "aria-label": label, "data-testid": testid },
    ...buttons,
  );
}
