import type { PainEntry, PainEntryInput } from "../../server/http/api-types.ts";
import type { PainLocation, PainSide, PainTiming, RedFlag } from "../../server/core/pain.ts";
import { h, replace } from "../dom.ts";
import { hipDiagram } from "../hip-diagram.ts";
import { LOCATION_LABELS, RED_FLAG_LABELS, SIDE_LABELS, TIMING_LABELS } from "../labels.ts";

/** Words for a 0–10 severity. */
export function severityWord(severity: number): string {
  if (severity === 0) return "no pain";
  if (severity <= 3) return "mild";
  if (severity <= 6) return "moderate";
  return "severe";
}

/** The pain form's elements, built once and driven by the form controller. */
export interface PainFields {
  form: HTMLFormElement;
  title: HTMLElement;
  date: HTMLInputElement;
  severity: HTMLInputElement;
  severityOut: HTMLOutputElement;
  note: HTMLTextAreaElement;
  locations: HTMLFieldSetElement;
  status: HTMLElement;
  saveButton: HTMLButtonElement;
  noPainButton: HTMLButtonElement;
  cancelButton: HTMLButtonElement;
}

function radios<K extends string>(
  name: string,
  legend: string,
  labels: Record<K, string>,
  hints?: Record<K, string>,
): HTMLFieldSetElement {
  return h(
    "fieldset",
    { class: `choices choices-${name}` },
    h("legend", {}, legend),
    ...(Object.keys(labels) as K[]).map((key) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name, value: key }),
        h("span", {}, labels[key], hints?.[key] ? h("small", {}, hints[key]) : null),
      ),
    ),
  );
}

function redFlagQuestions(): HTMLFieldSetElement {
  return h(
    "fieldset",
    { class: "choices red-flag-questions" },
    h("legend", {}, "Any of these? If so, see a healthcare professional now."),
    ...(Object.keys(RED_FLAG_LABELS) as RedFlag[]).map((key) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "checkbox", name: "redFlags", value: key }),
        h("span", {}, RED_FLAG_LABELS[key]),
      ),
    ),
  );
}

function inputs(): Pick<PainFields, "date" | "severity" | "severityOut" | "note"> {
  return {
    date: h("input", {
      type: "date",
      name: "date",
      id: "pain-date",
      required: true,
      "data-testid": "pain-date",
    }),
    severity: h("input", {
      type: "range",
      name: "severity",
      id: "pain-severity",
      min: 0,
      max: 10,
      step: 1,
      "data-testid": "pain-severity",
    }),
    severityOut: h("output", {
      for: "pain-severity",
      class: "severity-value",
      "data-testid": "pain-severity-value",
    }),
    note: h("textarea", {
      name: "note",
      id: "pain-note",
      rows: 2,
      maxlength: 2000,
      placeholder: "Anything that helps later: stairs hurt, slept on that side…",
    }),
  };
}

/** Builds the form: date, 0–10 slider, location (list and diagram), side, timing, note, red-flag questions. */
export function buildPainFields(): PainFields {
  const { date, severity, severityOut, note } = inputs();
  const saveButton = h(
    "button",
    { type: "submit", class: "button primary", "data-testid": "pain-save" },
    "Save entry",
  );
  const noPainButton = h(
    "button",
    { type: "button", class: "button", "data-testid": "pain-none" },
    "No pain today",
  );
  const cancelButton = h("button", { type: "button", class: "button", hidden: true }, "Cancel editing");
  const status = h("div", { class: "form-status", "aria-live": "polite", "data-testid": "pain-status" });
  const labels = Object.fromEntries(Object.entries(LOCATION_LABELS).map(([k, v]) => [k, v.label])) as Record<
    PainLocation,
    string
  >;
  const hints = Object.fromEntries(Object.entries(LOCATION_LABELS).map(([k, v]) => [k, v.hint])) as Record<
    PainLocation,
    string
  >;
  const locations = radios("location", "Where does it hurt?", labels, hints);
  const form = h(
    "form",
    { class: "pain-form", "data-testid": "pain-form", novalidate: true },
    h(
      "div",
      { class: "date-row" },
      h("div", { class: "field" }, h("label", { for: "pain-date" }, "Date"), date),
      h("div", { class: "quick-none" }, h("span", { class: "muted" }, "Hip feels fine?"), noPainButton),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "pain-severity" }, "Pain, 0 (none) to 10 (worst imaginable)"),
      h("div", { class: "severity-row" }, severity, severityOut),
    ),
    h(
      "div",
      { class: "location-row" },
      locations,
      hipDiagram((loc) => pickLocation(form, loc)),
    ),
    radios<PainSide>("side", "Which side?", SIDE_LABELS),
    radios<PainTiming>("timing", "When does it hurt?", TIMING_LABELS),
    h("div", { class: "field" }, h("label", { for: "pain-note" }, "Note (optional)"), note),
    redFlagQuestions(),
    h("div", { class: "actions save-bar" }, saveButton, cancelButton),
    status,
  );
  const title = h("h2", {}, "How is your hip today?");
  return {
    form,
    title,
    date,
    severity,
    severityOut,
    note,
    locations,
    status,
    saveButton,
    noPainButton,
    cancelButton,
  };
}

function pickLocation(form: HTMLFormElement, loc: PainLocation): void {
  const input = form.querySelector<HTMLInputElement>(`input[name="location"][value="${loc}"]`);
  if (!input) return;
  input.checked = true;
  input.focus();
  form.dispatchEvent(new Event("change"));
}

/** Shows the slider's value in numbers and words. */
export function showSeverity(f: PainFields): void {
  const v = Number(f.severity.value);
  replace(f.severityOut, `${v}/10 · ${severityWord(v)}`);
  f.severityOut.classList.toggle("has-pain", v > 0);
}

function checked<K extends string>(form: HTMLFormElement, name: string): K | null {
  const el = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
  return el ? (el.value as K) : null;
}

/** What the runner entered, shaped as the API takes it. */
export function readPainFields(f: PainFields): PainEntryInput {
  return {
    date: f.date.value,
    severity: Number(f.severity.value),
    location: checked<PainLocation>(f.form, "location"),
    side: checked<PainSide>(f.form, "side"),
    timing: checked<PainTiming>(f.form, "timing"),
    note: f.note.value.trim(),
    redFlags: Array.from(f.form.querySelectorAll<HTMLInputElement>('input[name="redFlags"]:checked')).map(
      (el) => el.value as RedFlag,
    ),
  };
}

/** Puts a stored entry back into the form for editing. */
export function fillPainFields(f: PainFields, entry: PainEntry): void {
  f.date.value = entry.date;
  f.severity.value = String(entry.severity);
  showSeverity(f);
  const choices = [
    ["location", entry.location],
    ["side", entry.side],
    ["timing", entry.timing],
  ] as const;
  for (const [name, value] of choices) {
    const input = value
      ? f.form.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)
      : null;
    if (input) input.checked = true;
  }
  f.note.value = entry.note;
  for (const box of f.form.querySelectorAll<HTMLInputElement>('input[name="redFlags"]')) {
    box.checked = entry.redFlags.includes(box.value as RedFlag);
  }
  f.form.dispatchEvent(new Event("change"));
}

/** A reason the entry cannot be saved yet, or null. */
export function painInputProblem(input: PainEntryInput): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) return "Pick the date this entry is for.";
  if (input.severity > 0 && input.location === null) return "Pick where it hurts (or “Can't say”).";
  return null;
}
