import type { ActivityListItem, PainEntryInput } from "../../server/http/api-types.ts";
import { logPainForDay } from "../api.ts";
import { errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, fmtDistance } from "../format.ts";
import { navigate } from "../router.ts";

/** A pain-free answer for a day: severity 0 needs nothing else. */
export function painFreeDay(date: string): PainEntryInput {
  return { date, severity: 0, location: null, side: null, timing: null, note: "", redFlags: [] };
}

/** The pain page's address for a day's entry, opened on the details when the hip is sore. */
export function painLink(date: string, sore = false): string {
  return `#/pain?date=${date}${sore ? "&sore=1" : ""}`;
}

/**
 * The runs still waiting for a hip answer, each with one-tap "Fine" (saves a pain-free day) and "Sore" (opens the
 * form on that date). `onAnswered` runs after a row is answered in place.
 */
export function unansweredList(runs: readonly ActivityListItem[], onAnswered?: () => void): HTMLElement {
  if (runs.length === 0) {
    return h(
      "p",
      { class: "muted", "data-testid": "unanswered-none" },
      "Every recent run has a hip answer. Thank you: that is what makes the comparison fair.",
    );
  }
  const list = h("ul", { class: "unanswered", "data-testid": "unanswered" });
  for (const run of runs) list.append(row(run, onAnswered));
  return list;
}

function row(run: ActivityListItem, onAnswered?: () => void): HTMLElement {
  const when = fmtDate(run.localDate);
  const status = h("span", { class: "unanswered-status", role: "status" });
  const fine = h(
    "button",
    { type: "button", class: "button small ok-outline", "data-testid": "answer-fine" },
    "Fine",
  );
  const sore = h(
    "button",
    { type: "button", class: "button small danger-outline", "data-testid": "answer-sore" },
    "Sore",
  );
  fine.setAttribute("aria-label", `Hip fine after the run on ${when}`);
  sore.setAttribute("aria-label", `Hip sore after the run on ${when}: add details`);
  const li = h(
    "li",
    { class: "unanswered-row", "data-testid": "unanswered-run", "data-date": run.localDate },
    h(
      "span",
      { class: "unanswered-run" },
      h("a", { href: `#/runs/${run.id}` }, when),
      ` · ${fmtDistance(run.distanceM)}`,
    ),
    h("span", { class: "unanswered-actions" }, fine, sore),
    status,
  );
  fine.addEventListener("click", () => {
    fine.disabled = sore.disabled = true;
    logPainForDay(painFreeDay(run.localDate)).then(
      () => {
        replace(li, h("span", { class: "ok-text" }, `${when}: hip fine, saved.`));
        onAnswered?.();
      },
      (err: unknown) => {
        fine.disabled = sore.disabled = false;
        replace(status, errorBox(err));
      },
    );
  });
  sore.addEventListener("click", () => navigate(painLink(run.localDate, true)));
  return li;
}
