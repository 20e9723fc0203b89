import type { PainEntry } from "../../server/api/index.ts";
import { badge, card } from "../components.ts";
import { h } from "../dom.ts";
import { fmtDate } from "../format.ts";
import { LOCATION_LABELS, RED_FLAG_LABELS, SIDE_LABELS, TIMING_LABELS } from "../labels.ts";
import { severityWord } from "./pain-fields.ts";

/** Entries listed before "Show all". */
const SHOWN = 12;

export interface HistoryActions {
  onEdit: (entry: PainEntry) => void;
  /** Deletes after the runner confirmed; the button is re-enabled if it fails. */
  onDelete: (entry: PainEntry, button: HTMLButtonElement) => void;
}

/** Every entry, newest first, each with Edit and Delete; long histories fold after a dozen. */
export function painHistory(pain: PainEntry[], actions: HistoryActions): HTMLElement {
  if (pain.length === 0) return card("Your entries", h("p", { class: "muted" }, "Nothing logged yet."));
  const row = (entry: PainEntry): HTMLElement => entryRow(entry, actions);
  const list = h("ul", { class: "pain-list", "data-testid": "pain-list" }, ...pain.slice(0, SHOWN).map(row));
  const more = h(
    "button",
    { type: "button", class: "button small", "data-testid": "pain-show-all" },
    `Show all ${pain.length} entries`,
  );
  more.addEventListener("click", () => {
    list.append(...pain.slice(SHOWN).map(row));
    more.remove();
  });
  return card("Your entries", list, pain.length > SHOWN ? more : null);
}

function entryRow(entry: PainEntry, actions: HistoryActions): HTMLElement {
  const when = fmtDate(entry.date);
  const editButton = h(
    "button",
    { type: "button", class: "button small", "aria-label": `Edit the entry for ${when}` },
    "Edit",
  );
  const deleteButton = h(
    "button",
    { type: "button", class: "button small danger-outline", "aria-label": `Delete the entry for ${when}` },
    "Delete",
  );
  editButton.addEventListener("click", () => actions.onEdit(entry));
  deleteButton.addEventListener("click", () => {
    if (!window.confirm(`Delete the pain entry for ${when}?`)) return;
    deleteButton.disabled = true;
    actions.onDelete(entry, deleteButton);
  });
  const details = [
    entry.location ? LOCATION_LABELS[entry.location].label : null,
    entry.side ? SIDE_LABELS[entry.side] : null,
    entry.timing ? TIMING_LABELS[entry.timing] : null,
  ].filter((x): x is string => x !== null);
  return h(
    "li",
    { class: "pain-entry", "data-testid": "pain-entry", "data-id": entry.id },
    h(
      "div",
      { class: "pain-entry-main" },
      h("strong", {}, when),
      entry.severity === 0
        ? badge("No pain", "ok")
        : badge(`${entry.severity}/10 ${severityWord(entry.severity)}`, "danger"),
      details.length ? h("span", {}, details.join(" · ")) : null,
    ),
    entry.note ? h("p", { class: "pain-note" }, entry.note) : null,
    entry.redFlags.length
      ? h("ul", { class: "red-flag-list" }, ...entry.redFlags.map((f) => h("li", {}, RED_FLAG_LABELS[f])))
      : null,
    h("div", { class: "entry-actions" }, editButton, deleteButton),
  );
}
