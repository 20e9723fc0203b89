import type { ShoeView } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { badge, card, errorBox, loading, pageHeader } from "../components.ts";
import { h, replace } from "../dom.ts";
import { distanceUnit, fmtDistance } from "../format.ts";
import { navigate } from "../router.ts";
import { shoeEditControls, shoeInputs } from "./shoe-edit.ts";

const DEFAULT_RETIRE_KM = 700;

/** Shoes: each pair's distance against when to replace it, and which pair new runs get. */
export async function shoesPage(root: HTMLElement): Promise<void> {
  replace(root, pageHeader("Shoes"), loading());
  const shoes = await api.shoes();
  replace(
    root,
    pageHeader(
      "Shoes",
      "Distance per pair from the runs you assign to it. Most running shoes are replaced somewhere between 500 and 800 km; set your own reminder.",
    ),
    ...shoes.filter((s) => s.dueForRetirement).map(reminder),
    shoes.length
      ? h("ul", { class: "shoe-list plain-list", "data-testid": "shoe-list" }, ...shoes.map(shoeItem))
      : h("p", { class: "muted" }, "No shoes yet."),
    addForm(),
  );
}

function reminder(s: ShoeView): HTMLElement {
  return h(
    "div",
    { class: "note shoe-reminder", role: "note", "data-testid": "shoe-reminder" },
    h("strong", {}, `${s.name}: ${fmtDistance(s.distanceM)}. `),
    `Past the ${fmtDistance(s.retireAtM)} you set for replacing it. Worn cushioning is one thing to rule out when something starts to hurt.`,
  );
}

function shoeItem(s: ShoeView): HTMLElement {
  const share = Math.min(1, s.distanceM / s.retireAtM);
  const status = h("div", { "aria-live": "polite" });
  const act = (input: Partial<ShoeView>): void => {
    api
      .updateShoe(s.id, {
        name: s.name,
        retireAtM: s.retireAtM,
        isDefault: s.isDefault,
        retired: s.retired,
        ...input,
      })
      .then(() => navigate("#/shoes"))
      .catch((err: unknown) => replace(status, errorBox(err)));
  };
  const makeDefault = h(
    "button",
    { type: "button", class: "button", "data-testid": "shoe-default" },
    "Use for new runs",
  );
  makeDefault.addEventListener("click", () => act({ isDefault: true }));
  const retire = h(
    "button",
    { type: "button", class: "button", "data-testid": s.retired ? "shoe-unretire" : "shoe-retire" },
    s.retired ? "Bring back" : "Retire",
  );
  retire.addEventListener("click", () => act({ retired: !s.retired }));
  const edit = shoeEditControls(s);
  return h(
    "li",
    { class: `card shoe${s.retired ? " muted-row" : ""}`, "data-testid": "shoe", "data-id": s.id },
    h(
      "div",
      { class: "shoe-head" },
      h("h2", {}, s.name),
      s.isDefault ? badge("New runs", "accent") : null,
      s.retired ? badge("Retired") : null,
      s.dueForRetirement ? badge("Time to replace", "flag") : null,
    ),
    h(
      "p",
      { "data-testid": "shoe-distance" },
      `${fmtDistance(s.distanceM)} in ${s.runs} run${s.runs === 1 ? "" : "s"}, of ${fmtDistance(s.retireAtM)}`,
    ),
    h("progress", { max: 1, value: share, "aria-label": `${Math.round(share * 100)}% of the distance set` }),
    h(
      "div",
      { class: "actions" },
      s.isDefault || s.retired ? null : makeDefault,
      retire,
      ...edit.buttons,
      h("a", { href: `#/runs?shoe=${s.id}`, class: "button" }, "Its runs"),
    ),
    edit.panel,
    status,
  );
}

function addForm(): HTMLElement {
  const { name, retire, read } = shoeInputs(
    { name: "shoe-name", retire: "shoe-retire" },
    { name: "shoe-name", retire: "shoe-retire" },
    { name: "", retireAtM: DEFAULT_RETIRE_KM * 1000 },
  );
  const isDefault = h("input", { type: "checkbox", id: "shoe-default", "data-testid": "shoe-is-default" });
  isDefault.checked = true;
  const status = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { class: "shoe-form", novalidate: true },
    h("div", { class: "field" }, h("label", { for: "shoe-name" }, "Name"), name),
    h(
      "div",
      { class: "field" },
      h("label", { for: "shoe-retire" }, `Replace at (${distanceUnit()})`),
      retire,
    ),
    h("label", { class: "check" }, isDefault, " Use for new runs"),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary", "data-testid": "shoe-add" }, "Add"),
    ),
    status,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = read(status);
    if (!values) return;
    api
      .addShoe({
        ...values,
        isDefault: isDefault.checked,
        retired: false,
      })
      .then(() => navigate("#/shoes"))
      .catch((err: unknown) => replace(status, errorBox(err)));
  });
  return card("Add a pair", form);
}
