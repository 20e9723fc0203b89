import { h } from "./dom.ts";
import { dayNumber, runnerToday } from "./format.ts";

// The time range every time chart offers: the last 3 months, the last year, or everything.

export type ChartRange = "3m" | "1y" | "all";
export const RANGE_LABELS: Record<ChartRange, string> = { "3m": "3 months", "1y": "1 year", all: "All" };
const RANGE_DAYS: Record<ChartRange, number> = { "3m": 91, "1y": 365, all: Infinity };

/** The first day a range shows, ending at `end` (default today); null for "all". */
export function rangeStart(range: ChartRange, end = runnerToday()): number | null {
  return range === "all" ? null : dayNumber(end) - RANGE_DAYS[range];
}

/** True when a date falls in the range ending at `end`. */
export function inRange(date: string, range: ChartRange, end = runnerToday()): boolean {
  const from = rangeStart(range, end);
  return from === null || (dayNumber(date) >= from && dayNumber(date) <= dayNumber(end));
}

/** A group of toggle buttons, one per label; select(value) marks it pressed and calls onSelect. */
export function segmentedButtons<T extends string>(
  labels: Record<T, string>,
  label: string,
  onSelect: (value: T) => void,
  testid?: string,
): { el: HTMLElement; select: (value: T) => void } {
  const buttons = (Object.keys(labels) as T[]).map((value) => {
    const b = h("button", { type: "button", class: "button small", "data-range": value }, labels[value]);
    b.addEventListener("click", () => select(value));
    return b;
  });
  const select = (value: T): void => {
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.range === value));
    onSelect(value);
  };
  const attrs = { class: "segmented", role: "group", "aria-label": label };
  const el = h("div", testid === undefined ? attrs : { ...attrs, "data-testid": testid }, ...buttons);
  return { el, select };
}

/** A 3 months / 1 year / All button group; calls onChange now with `initial` and on every pick. */
export function rangePicker(
  label: string,
  onChange: (range: ChartRange) => void,
  initial: ChartRange = "1y",
  testid = "range-picker",
): HTMLElement {
  const picker = segmentedButtons(RANGE_LABELS, label, onChange, testid);
  queueMicrotask(() => picker.select(initial));
  return picker.el;
}
