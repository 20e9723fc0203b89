import type { ShoeView } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { distanceUnit, fmtDistance, metresPerUnit } from "../format.ts";
import { navigate } from "../router.ts";

/** The runner's words for a pair's distance to replace it at, in their unit. */
function retireInUnit(retireAtM: number): string {
  return String(Math.round(retireAtM / metresPerUnit()));
}

/** A shoe form's name and replace-at inputs, and their values once checked (null: the problem is said in `status`). */
export function shoeInputs(
  ids: { name: string; retire: string },
  testIds: { name: string; retire: string },
  initial: { name: string; retireAtM: number },
): {
  name: HTMLInputElement;
  retire: HTMLInputElement;
  read: (status: HTMLElement) => { name: string; retireAtM: number } | null;
} {
  const name = h("input", {
    id: ids.name,
    type: "text",
    maxlength: 80,
    required: true,
    "data-testid": testIds.name,
  });
  name.value = initial.name;
  const retire = h("input", {
    id: ids.retire,
    type: "number",
    min: 1,
    step: 1,
    inputmode: "numeric",
    "data-testid": testIds.retire,
  });
  retire.value = retireInUnit(initial.retireAtM);
  const read = (status: HTMLElement): { name: string; retireAtM: number } | null => {
    const at = Number(retire.value);
    if (!name.value.trim() || !(at > 0)) {
      replace(status, errorBox(new Error("Give the pair a name and a distance to replace it at.")));
      return null;
    }
    return { name: name.value.trim(), retireAtM: at * metresPerUnit() };
  };
  return { name, retire, read };
}

/**
 * Rename (and change the replace-at distance) or delete a pair, in place: a button opens the form, so the list
 * stays short. Deleting asks once more and says what happens to the runs.
 */
export function shoeEditControls(s: ShoeView): { buttons: HTMLElement[]; panel: HTMLElement } {
  const panel = h("div", { class: "shoe-edit", "aria-live": "polite" });
  const rename = h(
    "button",
    { type: "button", class: "button", "data-testid": "shoe-rename", "aria-expanded": "false" },
    "Rename",
  );
  const remove = h(
    "button",
    { type: "button", class: "button danger-outline", "data-testid": "shoe-delete" },
    "Delete",
  );
  rename.addEventListener("click", () => {
    const open = rename.getAttribute("aria-expanded") === "true";
    rename.setAttribute("aria-expanded", String(!open));
    replace(panel, open ? null : renameForm(s, () => rename.setAttribute("aria-expanded", "false"), panel));
    if (!open) panel.querySelector("input")?.focus();
  });
  remove.addEventListener("click", () => {
    rename.setAttribute("aria-expanded", "false");
    replace(panel, deleteConfirm(s, panel));
    panel.querySelector<HTMLButtonElement>("[data-testid=shoe-delete-confirm]")?.focus();
  });
  return { buttons: [rename, remove], panel };
}

function renameForm(s: ShoeView, onClose: () => void, panel: HTMLElement): HTMLElement {
  const nameId = `shoe-rename-${s.id}`;
  const retireId = `shoe-retire-${s.id}`;
  const { name, retire, read } = shoeInputs(
    { name: nameId, retire: retireId },
    { name: "shoe-rename-input", retire: "shoe-rename-retire" },
    s,
  );
  const status = h("div", { "aria-live": "polite" });
  const cancel = h("button", { type: "button", class: "button" }, "Cancel");
  cancel.addEventListener("click", () => {
    onClose();
    replace(panel);
  });
  const form = h(
    "form",
    { class: "shoe-form", novalidate: true, "data-testid": "shoe-rename-form" },
    h("div", { class: "field" }, h("label", { for: nameId }, "New name"), name),
    h("div", { class: "field" }, h("label", { for: retireId }, `Replace at (${distanceUnit()})`), retire),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary", "data-testid": "shoe-rename-save" }, "Save"),
      cancel,
    ),
    status,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = read(status);
    if (!values) return;
    api
      .updateShoe(s.id, {
        ...values,
        isDefault: s.isDefault,
        retired: s.retired,
      })
      .then(() => navigate("#/shoes"))
      .catch((err: unknown) => replace(status, errorBox(err)));
  });
  return form;
}

function deleteConfirm(s: ShoeView, panel: HTMLElement): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const yes = h(
    "button",
    { type: "button", class: "button danger-outline", "data-testid": "shoe-delete-confirm" },
    `Delete ${s.name}`,
  );
  const keep = h("button", { type: "button", class: "button" }, "Keep it");
  keep.addEventListener("click", () => replace(panel));
  yes.addEventListener("click", () => {
    yes.disabled = true;
    api
      .deleteShoe(s.id)
      .then(() => navigate("#/shoes"))
      .catch((err: unknown) => {
        yes.disabled = false;
        replace(status, errorBox(err));
      });
  });
  const runs =
    s.runs === 0
      ? "No runs are assigned to it."
      : `Its ${s.runs} run${s.runs === 1 ? "" : "s"} (${fmtDistance(s.distanceM)}) stay, with no shoe set.`;
  return h(
    "div",
    { class: "note shoe-delete", role: "group", "aria-label": `Delete ${s.name}?` },
    h(
      "p",
      {},
      h("strong", {}, `Delete ${s.name}? `),
      runs,
      " Retiring keeps its distance on record instead.",
    ),
    h("div", { class: "actions" }, yes, keep),
    status,
  );
}
