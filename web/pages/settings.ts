import type { Settings, Units } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { card, errorBox, loading, pageHeader } from "../components.ts";
import { h, replace } from "../dom.ts";
import { dataActionsCard, mapCard } from "./settings-data.ts";
import { painDiaryCard } from "./pain-diary-card.ts";
import { syncSection } from "./sync-card.ts";

/** Units and height, plus where the data lives and how to back it up. */
export async function settingsPage(root: HTMLElement): Promise<void> {
  replace(root, pageHeader("Settings"), loading());
  const [settings, map, demo] = await Promise.all([
    api.settings(),
    api.mapSettings(),
    api.demoStatus().catch(() => ({ demoRuns: 0, realRuns: 0 })),
  ]);
  replace(
    root,
    pageHeader("Settings"),
    settingsForm(settings),
    painDiaryCard(settings),
    syncSection(),
    mapCard(map),
    dataCard(),
    dataActionsCard(demo.demoRuns, demo.realRuns),
  );
}

function unitChoice(value: Units, text: string, current: Units): HTMLElement {
  const input = h("input", { type: "radio", name: "units", value, "data-testid": `units-${value}` });
  input.checked = value === current;
  return h("label", { class: "choice" }, input, h("span", {}, text));
}

const CM_PER_INCH = 2.54;

function settingsForm(settings: Settings): HTMLElement {
  // Height is asked in the runner's units: inches in miles mode, stored in cm either way.
  const inches = settings.units === "mi";
  const height = h("input", {
    type: "number",
    id: "height",
    name: "height",
    min: inches ? 40 : 100,
    max: inches ? 98 : 250,
    step: 1,
    inputmode: "numeric",
    "data-testid": "height",
    "aria-describedby": "height-help",
  });
  if (settings.heightCm !== null)
    height.value = String(inches ? Math.round(settings.heightCm / CM_PER_INCH) : settings.heightCm);
  const status = h("div", { "aria-live": "polite", "data-testid": "settings-status" });
  const save = h(
    "button",
    { type: "submit", class: "button primary", "data-testid": "settings-save" },
    "Save",
  );
  const form = h(
    "form",
    { class: "settings-form", novalidate: true },
    h(
      "fieldset",
      { class: "choices" },
      h("legend", {}, "Distances and paces in"),
      unitChoice("km", "Kilometres (min/km)", settings.units),
      unitChoice("mi", "Miles (min/mi)", settings.units),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "height" }, inches ? "Height in inches (optional)" : "Height in cm (optional)"),
      height,
      h(
        "p",
        { id: "height-help", class: "muted small" },
        "Only a weak hint for cadence (taller runners step a little slower). Leave it empty if you prefer.",
      ),
    ),
    h("div", { class: "actions" }, save),
    status,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const units = (form.querySelector<HTMLInputElement>('input[name="units"]:checked')?.value ??
      "km") as Units;
    const raw = height.value.trim();
    const heightCm = raw === "" ? null : Number(raw) * (inches ? CM_PER_INCH : 1);
    if (heightCm !== null && (!Number.isFinite(heightCm) || heightCm < 100 || heightCm > 250)) {
      const range = inches ? "40 and 98 inches" : "100 and 250 cm";
      replace(status, errorBox(new Error(`Height should be between ${range}, or empty.`)));
      height.focus();
      return;
    }
    save.disabled = true;
    api
      .saveSettings({ units, heightCm: heightCm === null ? null : Math.round(heightCm) })
      // The client applies the saved units to every formatter (web/api.ts).
      .then(() => replace(status, h("p", { class: "ok-text" }, "Saved.")))
      .catch((err: unknown) => replace(status, errorBox(err)))
      .finally(() => {
        save.disabled = false;
      });
  });
  return card("Preferences", form);
}

function dataCard(): HTMLElement {
  return card(
    "Your data",
    h(
      "p",
      {},
      "Everything lives in one folder on this computer: ",
      h("code", {}, "data"),
      " in the folder Stridewise was started from, unless it was started with ",
      h("code", {}, "--data <folder>"),
      " or ",
      h("code", {}, "STRIDEWISE_DATA"),
      ". It holds the database and the original files you imported; nothing is sent anywhere.",
    ),
    h("h3", {}, "Backup"),
    h(
      "p",
      {},
      "Stop the server and copy the whole data folder. To move to another computer, copy it there and start Stridewise with ",
      h("code", {}, "--data"),
      " pointing at it.",
    ),
    h("h3", {}, "From the command line"),
    h(
      "ul",
      { class: "plain-list commands" },
      h(
        "li",
        {},
        h("code", {}, "npx stridewise import <files or folders> --json"),
        " imports and prints each file's outcome",
      ),
      h(
        "li",
        {},
        h("code", {}, "npx stridewise sync <folder> --watch"),
        " keeps a watch or export folder in sync",
      ),
      h(
        "li",
        {},
        h("code", {}, "npx stridewise reanalyse"),
        " recomputes everything from the original files",
      ),
    ),
  );
}
