import type { PainEntry, PainEntryInput } from "../../server/http/api-types.ts";
import type { PainLocation, PainSide, PainTiming, RedFlag } from "../../server/core/pain.ts";
import { api } from "../api.ts";
import { errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, todayLocal } from "../format.ts";
import { hipDiagram } from "../hip-diagram.ts";
import { LOCATION_LABELS, RED_FLAG_LABELS, SIDE_LABELS, TIMING_LABELS } from "../labels.ts";

/** Words for a 0–10 severity. */
export function severityWord(severity: number): string {
  if (severity === 0) return "no pain";
  if (severity <= 3) return "mild";
  if (severity <= 6) return "moderate";
  return "severe";
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

function checked<K extends string>(form: HTMLFormElement, name: string): K | null {
  const el = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
  return el ? (el.value as K) : null;
}

export interface PainForm {
  el: HTMLElement;
  /** Fills the form with an entry to edit it. */
  edit: (entry: PainEntry) => void;
  /** Sets the date of a new entry (from a run page's "log pain for this run"). */
  setDate: (date: string) => void;
}

/** The ten-second pain log: date, 0–10, where, which side, when, a note, and the red-flag questions. */
export function painForm(onSaved: (entry: PainEntry) => void): PainForm {
  let editingId: number | null = null;
  const locationLabels = Object.fromEntries(
    Object.entries(LOCATION_LABELS).map(([k, v]) => [k, v.label]),
  ) as Record<PainLocation, string>;
  const locationHints = Object.fromEntries(
    Object.entries(LOCATION_LABELS).map(([k, v]) => [k, v.hint]),
  ) as Record<PainLocation, string>;

  const date = h("input", {
    type: "date",
    name: "date",
    id: "pain-date",
    required: true,
    max: todayLocal(),
    "data-testid": "pain-date",
  });
  const severity = h("input", {
    type: "range",
    name: "severity",
    id: "pain-severity",
    min: 0,
    max: 10,
    step: 1,
    "data-testid": "pain-severity",
  });
  const severityOut = h("output", {
    for: "pain-severity",
    class: "severity-value",
    "data-testid": "pain-severity-value",
  });
  const note = h("textarea", {
    name: "note",
    id: "pain-note",
    rows: 2,
    maxlength: 2000,
    placeholder: "Anything that helps later: stairs hurt, slept on that side…",
  });
  const title = h("h2", {}, "How is your hip today?");
  const status = h("div", { class: "form-status", "aria-live": "polite", "data-testid": "pain-status" });
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
  const locations = radios<PainLocation>("location", "Where does it hurt?", locationLabels, locationHints);
  const redFlags = h(
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
      hipDiagram((loc) => selectLocation(loc)),
    ),
    radios<PainSide>("side", "Which side?", SIDE_LABELS),
    radios<PainTiming>("timing", "When does it hurt?", TIMING_LABELS),
    h("div", { class: "field" }, h("label", { for: "pain-note" }, "Note (optional)"), note),
    redFlags,
    h("div", { class: "actions" }, saveButton, cancelButton),
    status,
  );

  function selectLocation(loc: PainLocation): void {
    const input = form.querySelector<HTMLInputElement>(`input[name="location"][value="${loc}"]`);
    if (input) {
      input.checked = true;
      input.focus();
      form.dispatchEvent(new Event("change"));
    }
  }

  const showSeverity = (): void => {
    const v = Number(severity.value);
    replace(severityOut, `${v}/10 · ${severityWord(v)}`);
    severityOut.classList.toggle("has-pain", v > 0);
  };
  severity.addEventListener("input", showSeverity);

  function reset(): void {
    form.reset();
    editingId = null;
    date.value = todayLocal();
    severity.value = "0";
    showSeverity();
    replace(title, "How is your hip today?");
    replace(saveButton, "Save entry");
    cancelButton.hidden = true;
    noPainButton.hidden = false;
  }

  function read(): PainEntryInput {
    return {
      date: date.value,
      severity: Number(severity.value),
      location: checked<PainLocation>(form, "location"),
      side: checked<PainSide>(form, "side"),
      timing: checked<PainTiming>(form, "timing"),
      note: note.value.trim(),
      redFlags: Array.from(form.querySelectorAll<HTMLInputElement>('input[name="redFlags"]:checked')).map(
        (el) => el.value as RedFlag,
      ),
    };
  }

  async function save(input: PainEntryInput): Promise<void> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) {
      replace(status, errorBox(new Error("Pick the date this entry is for.")));
      date.focus();
      return;
    }
    if (input.severity > 0 && input.location === null) {
      replace(status, errorBox(new Error("Pick where it hurts (or “Can't say”).")));
      locations.querySelector("input")?.focus();
      return;
    }
    saveButton.disabled = noPainButton.disabled = true;
    try {
      const saved = editingId === null ? await api.addPain(input) : await api.updatePain(editingId, input);
      const wasEdit = editingId !== null;
      reset();
      replace(
        status,
        h(
          "p",
          { class: "ok-text" },
          `${wasEdit ? "Updated" : "Saved"}: ${fmtDate(saved.date)}, ${saved.severity}/10.`,
        ),
        saved.redFlags.length
          ? h(
              "p",
              { class: "red-flag-inline", role: "alert" },
              "You ticked a red flag. Please see a healthcare professional soon; don't run through it.",
            )
          : null,
      );
      onSaved(saved);
    } catch (err) {
      replace(status, errorBox(err));
    } finally {
      saveButton.disabled = noPainButton.disabled = false;
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void save(read());
  });
  noPainButton.addEventListener("click", () => {
    void save({
      date: date.value || todayLocal(),
      severity: 0,
      location: null,
      side: null,
      timing: null,
      note: "",
      redFlags: [],
    });
  });
  cancelButton.addEventListener("click", () => {
    reset();
    replace(status);
  });

  function edit(entry: PainEntry): void {
    reset();
    editingId = entry.id;
    date.value = entry.date;
    severity.value = String(entry.severity);
    showSeverity();
    for (const [name, value] of [
      ["location", entry.location],
      ["side", entry.side],
      ["timing", entry.timing],
    ] as const) {
      const input = value
        ? form.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)
        : null;
      if (input) input.checked = true;
    }
    note.value = entry.note;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name="redFlags"]')) {
      box.checked = entry.redFlags.includes(box.value as RedFlag);
    }
    form.dispatchEvent(new Event("change"));
    replace(title, `Editing the entry for ${fmtDate(entry.date)}`);
    replace(saveButton, "Save changes");
    cancelButton.hidden = false;
    noPainButton.hidden = true;
    replace(status);
    form.scrollIntoView({ behavior: "smooth", block: "start" });
    date.focus({ preventScroll: true });
  }

  reset();
  const setDate = (value: string): void => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && value <= todayLocal()) date.value = value;
  };
  return { el: h("section", { class: "card", id: "log" }, title, form), edit, setDate };
}
