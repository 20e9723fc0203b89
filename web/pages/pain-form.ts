import type { PainEntry, PainEntryInput } from "../../server/api/index.ts";
import { painFreeDay } from "./unanswered.ts";
import { api, logPainForDay } from "../api.ts";
import { errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { dayNumber, dayToDate, fmtDate, runnerToday } from "../format.ts";
import {
  buildPainFields,
  fillPainFields,
  painInputProblem,
  readPainFields,
  showSeverity,
  type PainFields,
} from "./pain-fields.ts";

/** "How is your hip today?" or "How was your hip on Tue 3 Nov?": the words follow the chosen date. */
export function questionFor(date: string, today = runnerToday()): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date === today) return "How is your hip today?";
  return `How was your hip on ${fmtDate(date, { year: "auto" })}?`;
}

/** The ten-second pain log: new entries, edits, and the "no pain today" shortcut. */
export class PainForm {
  readonly el: HTMLElement;
  private readonly f: PainFields = buildPainFields();
  private editingId: number | null = null;
  /** The entry being edited was opened by the form itself (its day was picked), not by the runner's Edit. */
  private openedByDate = false;
  /** The log as last loaded: one entry per day, so a date already logged is edited, never doubled. */
  private entries: PainEntry[] = [];

  constructor(private readonly onSaved: (entry: PainEntry) => void) {
    const f = this.f;
    f.severity.addEventListener("input", () => showSeverity(f));
    f.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.save(readPainFields(f));
    });
    f.noPainButton.addEventListener(
      "click",
      () => void this.save(painFreeDay(f.date.value || runnerToday())),
    );
    f.date.addEventListener("change", () => this.dateChanged());
    f.cancelButton.addEventListener("click", () => {
      this.reset();
      replace(f.status);
    });
    this.reset();
    this.el = h("section", { class: "card", id: "log" }, f.title, f.form);
  }

  /**
   * Sets the date of a new entry (from a run page's "log pain for this run" or a run waiting for an answer). A run's
   * date is its watch's local date: up to a day after the runner's today when that watch was set further east.
   */
  setDate(value: string): void {
    const latest = dayToDate(dayNumber(runnerToday()) + 1);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && value <= latest) {
      if (value > this.f.date.max) this.f.date.max = value;
      this.f.date.value = value;
      this.dateChanged();
    }
  }

  /** The stored entries, so picking a date that has one opens it for editing. */
  setEntries(entries: PainEntry[]): void {
    this.entries = entries;
    if (this.editingId === null) this.dateChanged();
  }

  /** From a "Sore" answer: straight to how much it hurts. */
  focusSeverity(): void {
    this.f.form.scrollIntoView({ block: "start" });
    this.f.severity.focus({ preventScroll: true });
  }

  private dateChanged(): void {
    const f = this.f;
    const date = f.date.value;
    if (this.editingId !== null && this.openedByDate) {
      // Leaving a day the form opened by itself starts over on the new day, instead of moving that day's entry.
      const max = f.date.max;
      this.reset();
      if (max > f.date.max) f.date.max = max;
      f.date.value = date;
    }
    const existing = this.entries.find((e) => e.date === date && e.id !== this.editingId);
    if (existing && this.editingId === null) {
      this.edit(existing, false);
      return;
    }
    this.retitle();
  }

  private retitle(): void {
    const f = this.f;
    const question = questionFor(f.date.value);
    replace(f.title, this.editingId === null ? question : `${question} (changing what you logged)`);
    replace(f.noPainButton, f.date.value === runnerToday() ? "No pain today" : "No pain that day");
  }

  /** Fills the form with a stored entry to edit it. */
  edit(entry: PainEntry, scroll = true): void {
    const f = this.f;
    this.reset();
    this.editingId = entry.id;
    this.openedByDate = !scroll;
    fillPainFields(f, entry);
    this.retitle();
    replace(f.saveButton, "Save changes");
    f.cancelButton.hidden = false;
    // Only an Edit the runner pressed clears the status: the form opening a logged day by itself (after a save
    // reloads the log) keeps "Saved" or "Updated" in view.
    if (scroll) {
      replace(f.status);
      f.form.scrollIntoView({ behavior: "smooth", block: "start" });
      f.date.focus({ preventScroll: true });
    }
  }

  private reset(): void {
    const f = this.f;
    f.form.reset();
    this.editingId = null;
    f.date.max = runnerToday();
    f.date.value = runnerToday();
    f.severity.value = "0";
    showSeverity(f);
    this.retitle();
    replace(f.saveButton, "Save entry");
    f.cancelButton.hidden = true;
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
      const { entry: saved, updated: wasEdit } =
        this.editingId === null
          ? await logPainForDay(input)
          : { entry: await api.updatePain(this.editingId, input), updated: true };
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
