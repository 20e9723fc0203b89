import type { Settings } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { card, errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, runnerToday } from "../format.ts";

function choice(value: string, text: string, checked: boolean): HTMLElement {
  const input = h("input", { type: "radio", name: "diary-mode", value, "data-testid": `diary-${value}` });
  input.checked = checked;
  return h("label", { class: "choice" }, input, h("span", {}, text));
}

function stateText(s: Settings): string {
  const d = s.painDiary;
  if (d.mode === "pain_days" && d.since) {
    const open = d.periods.find((p) => p.until === null);
    const late =
      open && open.declaredOn > d.since ? ` (declared on ${fmtDate(open.declaredOn)}, afterwards)` : "";
    return `Pain days only, since ${fmtDate(d.since)}${late}.`;
  }
  const ended = d.periods.length;
  return `Every day.${ended > 0 ? ` ${ended} earlier pain-days-only period${ended === 1 ? "" : "s"} still count${ended === 1 ? "s" : ""}.` : ""}`;
}

/** How the runner keeps the diary: every day, or only the days it hurts (declared from a date), plus the weekly tap. */
export function painDiaryCard(settings: Settings): HTMLElement {
  const state = h("p", { "data-testid": "diary-state" }, stateText(settings));
  const since = h("input", {
    type: "date",
    id: "diary-since",
    max: runnerToday(),
    "data-testid": "diary-since",
  });
  since.value = settings.painDiary.since ?? runnerToday();
  const status = h("div", { "aria-live": "polite", "data-testid": "diary-status" });
  const save = h(
    "button",
    { type: "submit", class: "button primary", "data-testid": "diary-save" },
    "Save diary",
  );
  const confirm = h(
    "button",
    { type: "button", class: "button", "data-testid": "diary-confirm" },
    "No other pain this week",
  );
  const form = h(
    "form",
    { class: "settings-form", novalidate: true },
    h(
      "fieldset",
      { class: "choices" },
      h("legend", {}, "I keep my pain diary"),
      choice("every_day", "Every day, pain-free days included", settings.painDiary.mode === "every_day"),
      choice(
        "pain_days",
        "Only on days my hip hurts (3/10 or more)",
        settings.painDiary.mode === "pain_days",
      ),
    ),
    h("div", { class: "field" }, h("label", { for: "diary-since" }, "Logging every pain day since"), since),
    h(
      "p",
      { class: "muted small" },
      "With pain days only, a day you did not log counts as pain-free. Those days are kept apart from the ones you logged: " +
        "every verdict says how many runs rest on them and shows the answer from logged days alone beside it. A date in the " +
        "past is fine (say you noted your pain days all along); the verdict then says you declared it afterwards. If you do " +
        "not open the diary for more than 2 weeks (logging pain, or tapping “No other pain this week”), days older than that " +
        "are left out rather than assumed pain-free. Switching back to every day ends the declaration; days already declared keep counting.",
    ),
    h("div", { class: "actions" }, save, confirm),
    status,
  );
  confirm.hidden = settings.painDiary.mode !== "pain_days";
  const show = (next: Settings, message: string): void => {
    replace(state, stateText(next));
    confirm.hidden = next.painDiary.mode !== "pain_days";
    replace(status, h("p", { class: "ok-text" }, message));
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const mode = form.querySelector<HTMLInputElement>('input[name="diary-mode"]:checked')?.value;
    const painDiary =
      mode === "pain_days"
        ? { mode: "pain_days" as const, since: since.value || runnerToday() }
        : { mode: "every_day" as const, since: null };
    save.disabled = true;
    api
      .saveSettings({ painDiary })
      .then((next) => show(next, "Saved."))
      .catch((err: unknown) => replace(status, errorBox(err)))
      .finally(() => {
        save.disabled = false;
      });
  });
  confirm.addEventListener("click", () => {
    api
      .confirmPainDiary()
      .then((next) => show(next, "Thanks: the days up to today count as pain-free."))
      .catch((err: unknown) => replace(status, errorBox(err)));
  });
  return card("Pain diary", state, form);
}
