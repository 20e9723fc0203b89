import type { ActivityListItem, PainEntry } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { card, errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { dayNumber, dayToDate, runnerToday } from "../format.ts";

/** How recent a run must be for the prompt: its day is at most this many days before today. */
const ASK_WITHIN_DAYS = 2;

/** Days between the browser's date and the runner's: time zones span UTC−12 to UTC+14. */
const ZONE_SLACK_DAYS = 2;

/**
 * The days whose pain entries askHipFirst reads: from the oldest run it asks about to the day after today's.
 * Known before the run is, so the run page fetches these few entries beside the run instead of the whole log; on a
 * cold load the runner's today is still in flight (it may be the browser's here), so the window allows for the zones.
 */
export function hipPromptWindow(): { from: string; to: string } {
  const today = dayNumber(runnerToday());
  return {
    from: dayToDate(today - (ASK_WITHIN_DAYS + ZONE_SLACK_DAYS)),
    to: dayToDate(today + 1 + ZONE_SLACK_DAYS),
  };
}

/**
 * Whether to ask about the hip before showing a run's flags: a run of the last 2 days with nothing logged for its
 * day or the day after. Asked first so the answer is not coloured by what the flags say.
 */
export function askHipFirst(
  run: Pick<ActivityListItem, "isRun" | "localDate">,
  pain: readonly PainEntry[],
): boolean {
  if (!run.isRun) return false;
  const today = runnerToday();
  if (run.localDate > today || dayNumber(today) - dayNumber(run.localDate) > ASK_WITHIN_DAYS) return false;
  const after = dayToDate(dayNumber(run.localDate) + 1);
  return !pain.some((e) => e.date === run.localDate || e.date === after);
}

/** "How is your hip after this run?": pain-free in one tap, log pain, or skip; `onDone` then shows the run. */
export function hipPromptCard(run: Pick<ActivityListItem, "localDate">, onDone: () => void): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const fine = h(
    "button",
    { type: "button", class: "button primary", "data-testid": "hip-prompt-fine" },
    "Pain-free (0/10)",
  );
  const hurts = h(
    "a",
    { href: `#/pain?date=${run.localDate}`, class: "button", "data-testid": "hip-prompt-log" },
    "It hurts: log it",
  );
  const skip = h("button", { type: "button", class: "button", "data-testid": "hip-prompt-skip" }, "Not now");
  fine.addEventListener("click", () => {
    fine.disabled = true;
    api
      .addPain({
        date: run.localDate,
        severity: 0,
        location: null,
        side: null,
        timing: "after_run",
        note: "",
        redFlags: [],
      })
      .then(onDone, (err: unknown) => {
        fine.disabled = false;
        replace(status, errorBox(err));
      });
  });
  skip.addEventListener("click", onDone);
  const el = card(
    "How is your hip after this run?",
    h(
      "p",
      { class: "muted" },
      "Asked before the run's cadence and mileage flags are shown, so your answer is not coloured by them.",
    ),
    h("div", { class: "actions", "data-testid": "hip-prompt" }, fine, hurts, skip),
    status,
  );
  return el;
}
