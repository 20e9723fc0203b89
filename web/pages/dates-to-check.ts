import type { ActivityListItem, DateFixInput } from "../../server/api/index.ts";
import { card, errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDistance } from "../format.ts";
import { fixedRows, rememberFix, sendDateFix, when } from "./date-fix-undo.ts";

/**
 * Runs whose date cannot be right (before 2000, after tomorrow: a watch clock never set). They stay out of
 * every chart until the runner moves them to the right date and time, says how far the clock was off, or
 * says the date is right. The server works out the move (PUT /api/activities/:id/date).
 */
export function datesToCheck(runs: readonly ActivityListItem[]): HTMLElement | null {
  const fixed = fixedRows(runs);
  if (runs.length === 0 && fixed.length === 0) return null;
  return card(
    "Dates to check",
    runs.length === 0
      ? h("p", { class: "muted" }, "No dates left to check.")
      : h(
          "p",
          { class: "muted" },
          `${runs.length === 1 ? "This run has a date" : "These runs have dates"} before 2000 or in the future, usually a watch whose clock was never set. ${runs.length === 1 ? "It is" : "They are"} left out of charts and the analysis until you set the right date or confirm it.`,
        ),
    h("ul", { class: "plain-list", "data-testid": "dates-to-check" }, ...fixed, ...runs.map(item)),
  );
}

function item(run: ActivityListItem): HTMLElement {
  const status = h("div", { "aria-live": "polite", "data-testid": "date-fix-status" });
  const send = (fix: DateFixInput, button: HTMLButtonElement): void =>
    sendDateFix(run.id, fix, button, status, (result) => rememberFix(result, fix.action === "confirm"));
  const confirm = h(
    "button",
    { type: "button", class: "button", "data-testid": "confirm-date" },
    "The date is right",
  );
  confirm.addEventListener("click", () => send({ action: "confirm" }, confirm));
  return h(
    "li",
    { class: "date-fix", "data-testid": "date-to-check", "data-id": run.id },
    h(
      "a",
      { href: `#/runs/${run.id}` },
      `${when(run.localDate, run.localStartTime)} · ${fmtDistance(run.distanceM)}`,
    ),
    setForm(run, send),
    offsetForm(run, send),
    h("div", { class: "date-fix-row" }, confirm),
    status,
  );
}

type Send = (fix: DateFixInput, button: HTMLButtonElement) => void;

/** "The right date and time": the time starts at the watch's own time of day. */
function setForm(run: ActivityListItem, send: Send): HTMLElement {
  const dateId = `fix-date-${run.id}`;
  const timeId = `fix-time-${run.id}`;
  const date = h("input", { type: "date", id: dateId, required: true, "data-testid": "fix-date-input" });
  const time = h("input", { type: "time", id: timeId, "data-testid": "fix-time-input" });
  time.value = run.localStartTime;
  const move = h(
    "button",
    { type: "submit", class: "button primary", "data-testid": "fix-date-save" },
    "Move the run",
  );
  const form = h(
    "form",
    { class: "date-fix-form", novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, "The right date and time"),
      h(
        "div",
        { class: "date-fix-row" },
        h("span", { class: "date-fix-field" }, h("label", { for: dateId }, "Date"), date),
        h("span", { class: "date-fix-field" }, h("label", { for: timeId }, "Start time"), time),
        move,
      ),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      const status = form.parentElement?.querySelector<HTMLElement>("[data-testid=date-fix-status]");
      if (status) replace(status, errorBox(new Error("Pick the day the run really was.")));
      return;
    }
    send({ action: "set", localDate: date.value, ...(time.value && { localTime: time.value }) }, move);
  });
  return form;
}

/** "The watch's clock was N years and N days behind (or ahead)": for a clock set wrong, not never set. */
function offsetForm(run: ActivityListItem, send: Send): HTMLElement {
  const ids = { years: `off-years-${run.id}`, days: `off-days-${run.id}`, dir: `off-dir-${run.id}` };
  const number = (id: string, testid: string): HTMLInputElement => {
    const el = h("input", {
      type: "number",
      id,
      min: 0,
      step: 1,
      inputmode: "numeric",
      "data-testid": testid,
    });
    el.value = "0";
    return el;
  };
  const years = number(ids.years, "offset-years");
  const days = number(ids.days, "offset-days");
  const direction = h(
    "select",
    { id: ids.dir, "data-testid": "offset-direction" },
    h("option", { value: "behind" }, "behind (the run was later)"),
    h("option", { value: "ahead" }, "ahead (the run was earlier)"),
  );
  const shift = h(
    "button",
    { type: "submit", class: "button", "data-testid": "offset-save" },
    "Shift the run",
  );
  const form = h(
    "form",
    { class: "date-fix-form", novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, "Or: how far the watch's clock was off"),
      h(
        "div",
        { class: "date-fix-row" },
        h("span", { class: "date-fix-field" }, years, h("label", { for: ids.years }, "years")),
        h("span", { class: "date-fix-field" }, days, h("label", { for: ids.days }, "days")),
        h("label", { for: ids.dir, class: "visually-hidden" }, "Direction"),
        direction,
        shift,
      ),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const sign = direction.value === "ahead" ? -1 : 1;
    const y = Math.trunc(Number(years.value) || 0);
    const d = Math.trunc(Number(days.value) || 0);
    send({ action: "offset", years: sign * y, days: sign * d }, shift);
  });
  return form;
}
