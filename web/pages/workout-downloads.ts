import { card, errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { downloadWorkout } from "../sync-api.ts";

/** Download buttons for the two workouts built from the runner's data, for the watch's GARMIN/NewFiles. */
export function workoutDownloads(): HTMLElement {
  const note = h("div", { "aria-live": "polite", "data-testid": "workout-status" });
  const button = (kind: "cadence" | "next-run", text: string): HTMLElement => {
    const b = h("button", { type: "button", class: "button", "data-testid": `workout-${kind}` }, text);
    b.addEventListener("click", () => {
      replace(note);
      downloadWorkout(kind).catch((err: unknown) => replace(note, errorBox(err)));
    });
    return b;
  };
  return card(
    "Workouts for your watch",
    h(
      "p",
      { class: "muted small" },
      "FIT workouts from your own numbers. Copy them to the watch's GARMIN/NewFiles folder over USB, or connect intervals.icu on Settings to plan them on its calendar.",
    ),
    h(
      "div",
      { class: "actions" },
      button("cadence", "Cadence workout (.fit)"),
      button("next-run", "Next run within your ceiling (.fit)"),
    ),
    note,
  );
}
