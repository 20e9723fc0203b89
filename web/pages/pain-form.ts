import type { PainEntry, PainEntryInput } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, todayLocal } from "../format.ts";
import {
  buildPainFields,
  fillPainFields,
  painInputProblem,
  readPainFields,
  showSeverity,
  type PainFields,
} from "./pain-fields.ts";

/** A pain-free day: severity 0 needs nothing else. */
function painFree(date: string): PainEntryInput {
  return { date, severity: 0, location: null, side: null, timing: null, note: "", redFlags: [] };
}

/** The ten-second pain log: new entries, edits, and the "no pain today" shortcut. */
export class PainForm {
  readonly el: HTMLElement;
  private readonly f: PainFields = buildPainFields();
  private editingId: number | null = null;

  constructor(private readonly onSaved: (entry: PainEntry) => void) {
    const f = this.f;
    f.severity.addEventListener("input", () => showSeverity(f));
    f.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.save(readPainFields(f));
    });
    f.noPainButton.addEventListener("click", () => void this.save(painFree(f.date.value || todayLocal())));
    f.cancelButton.addEventListener("click", () => {
      this.reset();
      replace(f.status);
    });
    this.reset();
    this.el = h("section", { class: "card", id: "log" }, f.title, f.form);
  }

  /** Sets the date of a new entry (from a run page's "log pain for this run"). */
  setDate(value: string): void {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && value <= todayLocal()) this.f.date.value = value;
  }

  /** Fills the form with a stored entry to edit it. */
  edit(entry: PainEntry): void {
    const f = this.f;
    this.reset();
    this.editingId = entry.id;
    fillPainFields(f, entry);
    replace(f.title, `Editing the entry for ${fmtDate(entry.date)}`);
    replace(f.saveButton, "Save changes");
    f.cancelButton.hidden = false;
    f.noPainButton.hidden = true;
    replace(f.status);
    f.form.scrollIntoView({ behavior: "smooth", block: "start" });
    f.date.focus({ preventScroll: true });
  }

  private reset(): void {
    const f = this.f;
    f.form.reset();
    this.editingId = null;
    f.date.max = todayLocal();
    f.date.value = todayLocal();
    f.severity.value = "0";
    showSeverity(f);
    replace(f.title, "How is your hip today?");
    replace(f.saveButton, "Save entry");
    f.cancelButton.hidden = true;
    f.noPainButton.hidden = false;
  }

  private async save(input: PainEntryInput): Promise<void> {
    const f = this.f;
    const problem = painInputProblem(input);
    if (problem) {
      replace(f.status, errorBox(new Error(problem)));
      (input.severity > 0 && input.location === null ? f.locations.querySelector("input") : f.date)?.focus();
      return;
    }
    f.saveButton.disabled = f.noPainButton.disabled = true;
    try {
      const wasEdit = this.editingId !== null;
      const saved =
        this.editingId === null ? await api.addPain(input) : await api.updatePain(this.editingId, input);
      this.reset();
      replace(f.status, ...savedMessage(saved, wasEdit));
      this.onSaved(saved);
    } catch (err) {
      replace(f.status, errorBox(err));
    } finally {
      f.saveButton.disabled = f.noPainButton.disabled = false;
    }
  }
}

function savedMessage(saved: PainEntry, wasEdit: boolean): HTMLElement[] {
  const out = [
    h(
      "p",
      { class: "ok-text" },
      `${wasEdit ? "Updated" : "Saved"}: ${fmtDate(saved.date)}, ${saved.severity}/10.`,
    ),
  ];
  if (saved.redFlags.length) {
    out.push(
      h(
        "p",
        { class: "red-flag-inline", role: "alert" },
        "You ticked a red flag. Please see a healthcare professional soon; don't run through it.",
      ),
    );
  }
  return out;
}
