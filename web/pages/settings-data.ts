import type { MapSettings } from "../../server/api/index.ts";
import { api, ApiError } from "../api.ts";
import { card, errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { navigate } from "../router.ts";

/** Must match OSM_ATTRIBUTION in server/api/history.ts (a value import would bundle zod into the page). */
const OSM_CREDIT = "© OpenStreetMap contributors";

/** Must match DELETE_ALL_PHRASE in server/api/history.ts (a value import would bundle zod into the page). */
const PHRASE = "delete all my data";

/** Map tiles: off by default; a URL the runner sets is the only outside host the dashboard will load from. */
export function mapCard(map: MapSettings): HTMLElement {
  const input = h("input", {
    id: "tile-url",
    type: "url",
    placeholder: "https://tile.example.org/{z}/{x}/{y}.png",
    "aria-describedby": "tile-help",
    "data-testid": "tile-url",
  });
  input.value = map.tileUrl ?? "";
  const credit = h("input", {
    id: "tile-attribution",
    type: "text",
    maxlength: 200,
    placeholder: OSM_CREDIT,
    "aria-describedby": "tile-attribution-help",
    "data-testid": "tile-attribution",
  });
  credit.value = map.tileAttribution ?? "";
  // OpenStreetMap's tiles may only be shown with their credit: offer it as soon as their URL is typed.
  input.addEventListener("input", () => {
    if (/tile\.openstreetmap\.org/i.test(input.value) && credit.value.trim() === "")
      credit.value = OSM_CREDIT;
  });
  const status = h("div", { "aria-live": "polite", "data-testid": "tile-status" });
  const form = h(
    "form",
    { novalidate: true },
    h("div", { class: "field" }, h("label", { for: "tile-url" }, "Map tile URL (optional)"), input),
    h(
      "p",
      { id: "tile-help", class: "muted small" },
      "Routes are drawn from your GPS on a plain background, with no map service. To draw them over a map, give a tile server's URL with {z}, {x} and {y}; your browser then fetches tiles from it (and it learns where you ran). Leave empty to keep everything local.",
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "tile-attribution" }, "Credit shown with the tiles"),
      credit,
    ),
    h(
      "p",
      { id: "tile-attribution-help", class: "muted small" },
      `Tile servers ask to be credited on the map: OpenStreetMap's tiles need “${OSM_CREDIT}”. It is shown on every route drawn over the tiles.`,
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", "data-testid": "tile-save" }, "Save"),
    ),
    status,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value.trim();
    api
      .saveMapSettings(value === "" ? null : value, credit.value.trim() || null)
      .then((saved) => {
        credit.value = saved.tileAttribution ?? "";
        replace(
          status,
          h(
            "p",
            { class: "ok-text" },
            saved.tileUrl ? "Saved: routes draw over map tiles." : "Saved: no map tiles.",
          ),
        );
      })
      .catch((err: unknown) => replace(status, errorBox(err)));
  });
  return card("Map", form);
}

/** Demo in or out, and "delete all data" behind a typed phrase. */
export function dataActionsCard(demoRuns: number, realRuns: number): HTMLElement {
  const status = h("div", { "aria-live": "polite", "data-testid": "data-status" });
  const demo = h("div", { class: "demo-actions" });
  if (demoRuns > 0) {
    const remove = h(
      "button",
      { type: "button", class: "button", "data-testid": "settings-remove-demo" },
      "Remove the demo",
    );
    remove.addEventListener("click", () => void removeDemo(remove, status));
    demo.append(
      h(
        "p",
        {},
        `${demoRuns} demo run${demoRuns === 1 ? "" : "s"} are loaded beside ${realRuns} of your own.`,
      ),
      remove,
    );
  } else {
    const load = h(
      "button",
      { type: "button", class: "button", "data-testid": "settings-load-demo" },
      "Load the demo",
    );
    load.addEventListener("click", () => void loadDemo(load, status, false));
    demo.append(
      h(
        "p",
        { class: "muted" },
        "Half a year of generated runs and pain, tagged so it can be removed in one step.",
      ),
      load,
    );
  }
  const phrase = h("input", {
    id: "delete-phrase",
    type: "text",
    autocomplete: "off",
    "data-testid": "delete-phrase",
  });
  const wipe = h(
    "button",
    { type: "submit", class: "button danger-outline", "data-testid": "delete-all" },
    "Delete all data",
  );
  const wipeForm = h(
    "form",
    { class: "delete-all-form", novalidate: true },
    h(
      "p",
      {},
      "Deletes every run, original file, pain entry, shoe and setting in this data folder, and disconnects intervals.icu. It cannot be undone: make a backup first if you might want them.",
    ),
    h("div", { class: "field" }, h("label", { for: "delete-phrase" }, `Type “${PHRASE}” to confirm`), phrase),
    h("div", { class: "actions" }, wipe),
  );
  wipeForm.addEventListener("submit", (e) => {
    e.preventDefault();
    if (phrase.value.trim().toLowerCase() !== PHRASE) {
      replace(status, errorBox(new Error(`Type “${PHRASE}” exactly to delete everything.`)));
      phrase.focus();
      return;
    }
    wipe.disabled = true;
    api
      .deleteAll(phrase.value)
      .then(() => navigate("#/"))
      .catch((err: unknown) => {
        wipe.disabled = false;
        replace(status, errorBox(err));
      });
  });
  return card(
    "Demo and deleting",
    h("h3", {}, "Demo data"),
    demo,
    h("h3", {}, "Delete all data"),
    wipeForm,
    status,
  );
}

async function removeDemo(button: HTMLButtonElement, status: HTMLElement): Promise<void> {
  button.disabled = true;
  try {
    await api.removeDemo();
    navigate(location.hash);
  } catch (err) {
    button.disabled = false;
    replace(status, errorBox(err));
  }
}

/** Loads the demo; the server asks first when real runs are there, and so does this. */
async function loadDemo(button: HTMLButtonElement, status: HTMLElement, confirm: boolean): Promise<void> {
  button.disabled = true;
  replace(status, h("p", { class: "loading" }, "Loading the demo…"));
  try {
    const res = await api.demo(confirm);
    replace(status, h("p", { class: "ok-text" }, `Loaded ${res.summary.imported} demo runs.`));
    navigate(location.hash);
  } catch (err) {
    button.disabled = false;
    if (err instanceof ApiError && err.code === "confirm-needed") {
      const yes = h(
        "button",
        { type: "button", class: "button primary", "data-testid": "confirm-demo" },
        "Add the demo anyway",
      );
      yes.addEventListener("click", () => void loadDemo(yes, status, true));
      replace(
        status,
        h("div", { class: "note", role: "alert" }, h("p", {}, err.message.replace(/ send \{.*$/, "")), yes),
      );
      return;
    }
    replace(status, errorBox(err));
  }
}
