import type { ActivityListItem } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { card, errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { dayNumber, fmtDate, fmtDistance } from "../format.ts";
import { navigate } from "../router.ts";

/**
 * Runs whose date cannot be right (before 2000, after tomorrow: a watch clock never set). They stay out of
 * every chart until the runner moves them to the right day or says the date is right.
 */
export function datesToCheck(runs: readonly ActivityListItem[]): HTMLElement | null {
  if (runs.length === 0) return null;
  return card(
    "Dates to check",
    h(
      "p",
      { class: "muted" },
      `${runs.length === 1 ? "This run has a date" : "These runs have dates"} before 2000 or in the future, usually a watch whose clock was never set. ${runs.length === 1 ? "It is" : "They are"} left out of charts and the analysis until you set the right date or confirm it.`,
    ),
    h("ul", { class: "plain-list", "data-testid": "dates-to-check" }, ...runs.map(item)),
  );
}

function item(run: ActivityListItem): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const id = `fix-date-${run.id}`;
  const date = h("input", { type: "date", id, "data-testid": "fix-date-input" });
  const act = (edit: Parameters<typeof api.editRun>[1]): void => {
    api
      .editRun(run.id, edit)
      .then(() => navigate(location.hash))
      .catch((err: unknown) => replace(status, errorBox(err)));
  };
  const move = h(
    "button",
    { type: "button", class: "button", "data-testid": "fix-date-save" },
    "Move to this date",
  );
  move.addEventListener("click", () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      replace(status, errorBox(new Error("Pick the day the run really was.")));
      return;
    }
    act({ dateShiftDays: dayNumber(date.value) - dayNumber(run.localDate) });
  });
  const confirm = h(
    "button",
    { type: "button", class: "button", "data-testid": "confirm-date" },
    "The date is right",
  );
  confirm.addEventListener("click", () => act({ dateConfirmed: true }));
  return h(
    "li",
    { class: "date-fix", "data-testid": "date-to-check" },
    h(
      "a",
      { href: `#/runs/${run.id}` },
      `${fmtDate(run.localDate, { year: true })}, ${fmtDistance(run.distanceM)}`,
    ),
    h("div", { class: "date-fix-row" }, h("label", { for: id }, "The right date"), date, move, confirm),
    status,
  );
}
