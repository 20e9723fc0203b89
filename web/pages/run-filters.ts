import type { ShoeView } from "../../server/api/index.ts";
import type { RunFilters } from "../api-extra.ts";
import { h } from "../dom.ts";
import { distanceUnit, metresPerUnit } from "../format.ts";

const FLAG_CHOICES: [string, string][] = [
  ["overstriding", "Low cadence"],
  ["spike", "Spike"],
  ["partial", "Partial file"],
  ["demo", "Demo"],
  ["date", "Date to check"],
];

/** Filters from the hash query (#/runs?from=…&minKm=…): shareable, and back/forward keep them. */
export function filtersFromQuery(q: URLSearchParams): RunFilters {
  const f: RunFilters = {};
  const per = metresPerUnit();
  const num = (key: string): number | undefined => {
    const v = Number(q.get(key));
    return q.get(key) && Number.isFinite(v) && v >= 0 ? v : undefined;
  };
  const from = q.get("from");
  const to = q.get("to");
  if (from) f.from = from;
  if (to) f.to = to;
  const min = num("min");
  const max = num("max");
  if (min !== undefined) f.minDistanceM = Math.round(min * per);
  if (max !== undefined) f.maxDistanceM = Math.round(max * per);
  const text = q.get("q");
  if (text) f.q = text;
  const shoe = q.get("shoe");
  if (shoe) f.shoe = shoe;
  const flags = (q.get("flags") ?? "").split(",").filter(Boolean);
  if (flags.length) f.flags = flags;
  if (q.get("short") === "1") f.includeShort = true;
  return f;
}

/** True when any filter narrows the list. */
export function isFiltered(f: RunFilters): boolean {
  return Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false));
}

function field(label: string, input: HTMLElement, id: string): HTMLElement {
  input.id = id;
  return h("div", { class: "field filter-field" }, h("label", { for: id }, label), input);
}

/** The filter form; submitting writes the filters into the hash, which re-renders the list. */
export function filterForm(q: URLSearchParams, shoes: readonly ShoeView[]): HTMLElement {
  const input = (
    name: string,
    type: string,
    extra: Record<string, string | number> = {},
  ): HTMLInputElement => {
    const el = h("input", { type, name, ...extra, "data-testid": `filter-${name}` });
    el.value = q.get(name) ?? "";
    return el;
  };
  const shoe = h(
    "select",
    { name: "shoe", "data-testid": "filter-shoe" },
    h("option", { value: "" }, "Any shoe"),
    h("option", { value: "none" }, "No shoe set"),
    ...shoes.map((s) => h("option", { value: String(s.id) }, s.name)),
  );
  shoe.value = q.get("shoe") ?? "";
  const active = new Set((q.get("flags") ?? "").split(","));
  const flagBoxes = FLAG_CHOICES.map(([value, text]) => {
    const box = h("input", { type: "checkbox", name: "flags", value, "data-testid": `filter-flag-${value}` });
    box.checked = active.has(value);
    return h("label", { class: "check" }, box, ` ${text}`);
  });
  const form = h(
    "form",
    {
      class: "run-filters",
      role: "search",
      "data-testid": "run-filters",
      "aria-label": "Search and filter runs",
    },
    field("Name, notes or file", input("q", "search", { maxlength: 100 }), "filter-q"),
    field("From", input("from", "date"), "filter-from"),
    field("To", input("to", "date"), "filter-to"),
    field(
      `Min ${distanceUnit()}`,
      input("min", "number", { min: 0, step: 0.1, inputmode: "decimal" }),
      "filter-min",
    ),
    field(
      `Max ${distanceUnit()}`,
      input("max", "number", { min: 0, step: 0.1, inputmode: "decimal" }),
      "filter-max",
    ),
    field("Shoe", shoe, "filter-shoe"),
    h("fieldset", { class: "filter-flags" }, h("legend", {}, "Only runs with"), ...flagBoxes),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary", "data-testid": "filter-apply" }, "Apply"),
      h("a", { href: "#/runs", class: "button" }, "Clear"),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const out = new URLSearchParams();
    for (const key of ["q", "from", "to", "min", "max", "shoe"]) {
      const v = String(data.get(key) ?? "").trim();
      if (v) out.set(key, v);
    }
    const flags = data.getAll("flags").map(String);
    if (flags.length) out.set("flags", flags.join(","));
    if (q.get("all") === "0") out.set("all", "0");
    location.hash = `#/runs${out.toString() ? `?${out.toString()}` : ""}`;
  });
  return h(
    "details",
    { class: "why filters-box", open: [...q.keys()].some((k) => k !== "page" && k !== "all") },
    h("summary", {}, "Search and filter"),
    form,
  );
}
