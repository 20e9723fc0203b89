import type { ActivityDetail, MapSettings, ShoeView } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { card, errorBox } from "../components.ts";
import { h, replace } from "../dom.ts";
import { routeMap } from "../route-drawing.ts";

/** A cut-off file says so up front: its numbers cover only part of the run. */
export function partialNotice(d: ActivityDetail): HTMLElement | null {
  if (!d.summary.partial) return null;
  return h(
    "div",
    { class: "note partial-note", role: "note", "data-testid": "partial-note" },
    h("strong", {}, "Partial file. "),
    "This file is cut off before its end, so the run is shown only up to the cut. Import the complete file (from the watch or your account export) and it replaces this one.",
  );
}

/** "UTC−7", "UTC+5:30", "UTC": an offset in seconds as a runner reads a time zone. */
export function fmtUtcOffset(offsetS: number): string {
  if (offsetS === 0) return "UTC";
  const minutes = Math.abs(Math.round(offsetS / 60));
  const hm = `${Math.floor(minutes / 60)}${minutes % 60 === 0 ? "" : `:${String(minutes % 60).padStart(2, "0")}`}`;
  return `UTC${offsetS < 0 ? "−" : "+"}${hm}`;
}

/** Said when the file recorded no time zone: which one the run's date and start time were put in, and why. */
export function timeZoneNote(d: ActivityDetail): HTMLElement | null {
  const { utcOffsetS, utcOffsetSource } = d.summary;
  if (utcOffsetSource === "file") return null;
  const zone = fmtUtcOffset(utcOffsetS);
  const why =
    utcOffsetSource === "nearby-run"
      ? `so its date and start time are in ${zone}, the zone of your nearest run in time that records one.`
      : `so its date and start time are in ${zone}, the zone of the computer Stridewise runs on (no run of yours records one).`;
  return h(
    "p",
    { class: "note", "data-testid": "time-zone-note" },
    h("strong", {}, "Time zone assumed. "),
    `The watch did not record a time zone for this run, ${why}`,
  );
}

/** The runner's own name, notes and shoe for a run. */
export function runNotesCard(d: ActivityDetail, shoes: readonly ShoeView[]): HTMLElement {
  const s = d.summary;
  const name = h("input", { id: "run-name", type: "text", maxlength: 120, "data-testid": "run-name" });
  name.value = s.name ?? "";
  const notes = h("textarea", {
    id: "run-notes-text",
    rows: 3,
    maxlength: 5000,
    "data-testid": "run-notes-input",
  });
  notes.value = s.notes;
  const shoe = h(
    "select",
    { id: "run-shoe", "data-testid": "run-shoe" },
    h("option", { value: "" }, "No shoe"),
    ...shoes
      .filter((x) => !x.retired || x.id === s.shoeId)
      .map((x) => h("option", { value: String(x.id) }, x.name)),
  );
  shoe.value = s.shoeId === null ? "" : String(s.shoeId);
  const status = h("div", { "aria-live": "polite", "data-testid": "run-notes-status" });
  const save = h(
    "button",
    { type: "submit", class: "button primary", "data-testid": "run-notes-save" },
    "Save",
  );
  const form = h(
    "form",
    { class: "run-notes-form" },
    h("div", { class: "field" }, h("label", { for: "run-name" }, "Name"), name),
    h("div", { class: "field" }, h("label", { for: "run-notes-text" }, "Notes"), notes),
    h(
      "div",
      { class: "field" },
      h("label", { for: "run-shoe" }, "Shoe"),
      shoe,
      shoes.length === 0
        ? h("p", { class: "muted small" }, h("a", { href: "#/shoes" }, "Add your shoes"))
        : null,
    ),
    h("div", { class: "actions" }, save),
    status,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    save.disabled = true;
    api
      .editRun(s.id, {
        name: name.value.trim() || null,
        notes: notes.value,
        shoeId: shoe.value ? Number(shoe.value) : null,
      })
      .then(() => replace(status, h("p", { class: "ok-text" }, "Saved.")))
      .catch((err: unknown) => replace(status, errorBox(err)))
      .finally(() => {
        save.disabled = false;
      });
  });
  return card("Name, notes and shoe", form);
}

/** The route card: drawn once the outline arrives; nothing at all for a run without GPS. */
export function routeCard(d: ActivityDetail): HTMLElement {
  const body = h(
    "div",
    { class: "route-wrap", "data-testid": "route" },
    h("p", { class: "loading" }, "Drawing the route…"),
  );
  const el = card("Route", body);
  const noTiles: MapSettings = { tileUrl: null, tileAttribution: null };
  Promise.all([api.route(d.summary.id), api.mapSettings().catch(() => noTiles)])
    .then(([route, map]) => {
      if (route.points.length < 2) {
        el.remove();
        return;
      }
      const tiles = map.tileUrl ? { url: map.tileUrl, attribution: map.tileAttribution } : null;
      replace(
        body,
        routeMap(route, tiles),
        h(
          "p",
          { class: "muted small", "data-testid": "route-caption" },
          tiles
            ? `Map tiles from the tile server you set in Settings${tiles.attribution ? `: ${tiles.attribution}` : ""}.`
            : "Drawn from your watch's GPS, with no map service. A tile server can be set in Settings.",
        ),
      );
    })
    .catch((err: unknown) => replace(body, errorBox(err)));
  return el;
}

/** A link that downloads the run's original file, byte for byte as imported. */
export function downloadOriginal(d: ActivityDetail): HTMLElement {
  return h(
    "p",
    {},
    h(
      "a",
      {
        href: `/api/activities/${d.summary.id}/original`,
        download: d.summary.fileName || "activity.fit",
        "data-testid": "download-original",
      },
      "Download the original file",
    ),
  );
}

/** Why there is no cadence verdict (walking pace, no cadence), rather than silence. */
export function noVerdictNote(d: ActivityDetail): HTMLElement | null {
  const reason = d.summary.noCadenceVerdict;
  if (!reason) return null;
  return h(
    "p",
    { class: "note", "data-testid": "no-cadence-verdict" },
    h("strong", {}, "No cadence verdict. "),
    reason,
  );
}
