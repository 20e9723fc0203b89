import type { ActivityDetail, DateFixInput, DateFixResult } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, fmtTimeOfDay } from "../format.ts";
import { navigate } from "../router.ts";

/**
 * Sends a date fix from `button` (disabled meanwhile), then redraws the page; a refusal is said in `status` and the
 * button can be pressed again.
 */
export function sendDateFix(
  id: number,
  fix: DateFixInput,
  button: HTMLButtonElement,
  status: HTMLElement,
  done?: (result: DateFixResult) => void,
): void {
  button.disabled = true;
  api
    .fixDate(id, fix)
    .then((result) => {
      done?.(result);
      navigate(location.hash);
    })
    .catch((err: unknown) => {
      button.disabled = false;
      replace(status, errorBox(err));
    });
}

/** A button that puts the run back where its file dates it, then redraws the page (a doubtful date is back to check). */
export function undoDateFixButton(
  id: number,
  label: string,
  afterUndo?: () => void,
  ariaLabel?: string,
): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const button = h(
    "button",
    { type: "button", class: "button", "data-testid": "undo-date-fix", "aria-label": ariaLabel },
    label,
  );
  button.addEventListener("click", () => sendDateFix(id, { action: "undo" }, button, status, afterUndo));
  return h("div", { class: "date-fix-undo" }, button, status);
}

/** A run's date and start time on its own clock: "18 Jul 1990, 09:00". */
export const when = (localDate: string, localTime: string): string =>
  `${fmtDate(localDate, { year: true })}, ${fmtTimeOfDay(localTime)}`;

/** Near a run's date on its page: how the runner's date fix moved it, or that they confirmed it, with the undo. */
export function runDateFixNote(s: ActivityDetail["summary"]): HTMLElement | null {
  const fix = s.dateFix;
  if (!fix) return null;
  // The time is named only when the fix moved it too: "from 18 Jul 1990" reads better than a repeated 09:00.
  const from =
    fix.fileLocalStartTime === s.localStartTime
      ? fmtDate(fix.fileLocalDate, { year: true })
      : when(fix.fileLocalDate, fix.fileLocalStartTime);
  const text =
    fix.shiftS !== 0
      ? `Moved from ${from} by the date fix.`
      : "You confirmed this date: the run counts as dated in its file.";
  return h(
    "div",
    { class: "date-fix-note", "data-testid": "run-date-fix" },
    h("p", {}, text),
    undoDateFixButton(s.id, "Undo the date fix"),
  );
}

/** What the runner fixed from the "Dates to check" card this visit, kept across the page's redraws. */
const fixedHere = new Map<number, { result: DateFixResult; confirmed: boolean }>();

/** The card's row to bring into view after the redraw a fix or undo causes (the router scrolls to the top). */
let revealNext: string | null = null;

/** Remembers a fix made from the card, so the card can say where the run went. */
export function rememberFix(result: DateFixResult, confirmed: boolean): void {
  fixedHere.set(result.id, { result, confirmed });
  revealNext = `[data-testid="date-fixed"][data-id="${result.id}"]`;
}

/** Once the redrawn page is in place (after the router's own focus), scrolls to and focuses the row's link. */
function revealPending(): void {
  const selector = revealNext;
  revealNext = null;
  if (selector === null) return;
  window.setTimeout(() => {
    const row = document.querySelector<HTMLElement>(selector);
    row?.scrollIntoView({ block: "center" });
    row?.querySelector<HTMLElement>("a")?.focus({ preventScroll: true });
  }, 0);
}

/**
 * Rows for the runs fixed from the card ("Moved to Tue 3 Nov 2026, 07:30 — Undo"); a run that is doubtful
 * again (undone on its own page) is listed to check instead.
 */
export function fixedRows(stillToCheck: readonly { id: number }[]): HTMLElement[] {
  for (const run of stillToCheck) fixedHere.delete(run.id);
  revealPending();
  return [...fixedHere.values()].map(({ result, confirmed }) => {
    const now = when(result.localDate, result.localStartTime);
    const date = h("a", { href: `#/runs/${result.id}` }, now);
    return h(
      "li",
      { class: "date-fix date-fixed", "data-testid": "date-fixed", "data-id": result.id },
      h(
        "div",
        { class: "date-fix-row" },
        h(
          "span",
          {},
          confirmed ? "Kept on " : "Moved to ",
          date,
          confirmed ? ", as you confirmed" : "",
          " —",
        ),
        undoDateFixButton(
          result.id,
          "Undo",
          () => {
            fixedHere.delete(result.id);
            revealNext = `[data-testid="date-to-check"][data-id="${result.id}"]`;
          },
          `Undo the date fix of the run now on ${now}`,
        ),
      ),
    );
  });
}
