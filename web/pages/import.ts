import type { ImportResponse, ImportResult, ImportStatus } from "../../server/api/index.ts";
import { uploadFiles } from "../api.ts";
import { card, errorBox, pageHeader } from "../components.ts";
import { h, replace } from "../dom.ts";
import { IMPORT_STATUS_LABELS } from "../labels.ts";

const ACCEPT = ".fit,.FIT,.gz,.zip";
const STATUS_TONE: Record<ImportStatus, string> = {
  imported: "ok",
  duplicate: "neutral",
  skipped: "neutral",
  rejected: "danger",
};

/** Upload FIT files, archives and exports, with progress and a plain outcome for every file. */
export function importPage(root: HTMLElement): void {
  const input = h("input", {
    type: "file",
    name: "files",
    id: "import-files",
    multiple: true,
    accept: ACCEPT,
    class: "visually-hidden",
    "data-testid": "import-input",
  });
  const progress = h("div", { class: "upload-progress", hidden: true, "data-testid": "upload-progress" });
  const results = h("div", { "aria-live": "polite", "data-testid": "import-results" });
  const zone = h(
    "div",
    { class: "drop-zone", "data-testid": "drop-zone" },
    h("p", { class: "drop-title" }, "Drop FIT files, .fit.gz files or export zips here"),
    h("p", { class: "muted" }, "or"),
    input,
    h("label", { for: "import-files", class: "button primary" }, "Choose files"),
  );

  const start = (files: File[]): void => {
    if (files.length === 0 || input.disabled) return;
    void runUpload(files, progress, results, zone);
  };
  input.addEventListener("change", () => {
    start(Array.from(input.files ?? []));
    input.value = "";
  });
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dragging");
    start(Array.from(e.dataTransfer?.files ?? []));
  });

  replace(
    root,
    pageHeader(
      "Import",
      "Bring in runs from your watch. Files you already imported are recognised and not added twice.",
    ),
    zone,
    progress,
    results,
    helpCard(),
  );
}

async function runUpload(
  files: File[],
  progress: HTMLElement,
  results: HTMLElement,
  zone: HTMLElement,
): Promise<void> {
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const bar = h("progress", { max: 100, value: 0, "aria-label": "Upload progress" });
  const uploading = `Uploading ${files.length} file${files.length === 1 ? "" : "s"} (${fmtBytes(totalBytes)})…`;
  const label = h("p", { role: "status" }, uploading);
  replace(progress, label, bar);
  progress.hidden = false;
  replace(results);
  zone.classList.add("busy");
  // One upload at a time: the outcome list belongs to one batch.
  const input = zone.querySelector("input");
  if (input) input.disabled = true;
  try {
    const res = await uploadFiles(files, {
      onProgress: (fraction) => {
        bar.value = Math.round(fraction * 100);
        replace(label, `${uploading} ${bar.value}%`);
      },
      onProcessing: () => {
        bar.removeAttribute("value");
        replace(label, "Reading your files… large exports can take a minute.");
      },
    });
    progress.hidden = true;
    replace(results, outcome(res));
  } catch (err) {
    progress.hidden = true;
    replace(results, errorBox(err));
  } finally {
    zone.classList.remove("busy");
    if (input) input.disabled = false;
  }
}

function outcome(res: ImportResponse): HTMLElement {
  const s = res.summary;
  const parts = (Object.keys(IMPORT_STATUS_LABELS) as ImportStatus[])
    .filter((status) => s[status] > 0)
    .map((status) => `${s[status]} ${summaryWord(status)}`);
  return h(
    "section",
    { class: "card import-summary", "data-testid": "import-summary" },
    h("h2", {}, "Done"),
    h("p", { class: "summary-line" }, parts.length ? `${parts.join(", ")}.` : "No files were in the upload."),
    s.imported > 0
      ? h(
          "p",
          {},
          h("a", { href: "#/runs", class: "button primary" }, "See your runs"),
          " ",
          h("a", { href: "#/", class: "button" }, "Overview"),
        )
      : null,
    h("ul", { class: "outcomes" }, ...res.results.map(resultRow)),
  );
}

const SUMMARY_WORDS: Record<ImportStatus, string> = {
  imported: "imported",
  duplicate: "already imported",
  skipped: "skipped",
  rejected: "could not be read",
};

function summaryWord(status: ImportStatus): string {
  return SUMMARY_WORDS[status];
}

function resultRow(r: ImportResult): HTMLElement {
  const detail =
    r.status === "imported"
      ? `${r.activityIds.length} activit${r.activityIds.length === 1 ? "y" : "ies"} added${r.message ? `. ${r.message}` : ""}`
      : r.status === "duplicate"
        ? (r.message ?? "This activity is already in Stridewise.")
        : (r.message ?? "");
  return h(
    "li",
    { class: `outcome outcome-${r.status}`, "data-testid": "import-result", "data-status": r.status },
    h("span", { class: `badge badge-${STATUS_TONE[r.status]}` }, IMPORT_STATUS_LABELS[r.status]),
    h("span", { class: "outcome-file" }, r.file),
    detail ? h("span", { class: "outcome-detail" }, detail) : null,
    r.status === "imported" && r.activityIds.length === 1
      ? h("a", { href: `#/runs/${r.activityIds[0]}`, class: "outcome-link" }, "Open")
      : null,
  );
}

function fmtBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function helpCard(): HTMLElement {
  return card(
    "Where to find your files",
    h(
      "dl",
      { class: "help-list" },
      h("dt", {}, "Garmin Connect"),
      h(
        "dd",
        {},
        "Account → Data management → Export your data. Garmin emails a zip: drop the whole zip here (archives inside it are opened too).",
      ),
      h("dt", {}, "Strava"),
      h(
        "dd",
        {},
        "Settings → My account → Download or delete your account → Request your archive. Drop the zip; GPX and TCX files in it are skipped, FIT files are imported.",
      ),
      h("dt", {}, "Watch over USB"),
      h(
        "dd",
        {},
        "Plug the watch in and open ",
        h("code", {}, "GARMIN/Activity"),
        ". Select all the .fit files there and drop them here.",
      ),
      h("dt", {}, "Keep a folder in sync"),
      h(
        "dd",
        {},
        "From a terminal, ",
        h("code", {}, "npx stridewise sync <folder> --watch"),
        " imports new files as they appear (a mounted watch, or a folder Gadgetbridge exports into).",
      ),
    ),
    h(
      "p",
      { class: "muted" },
      "Files stay on this computer. Non-activity files (sleep, monitoring, settings) are skipped with a reason.",
    ),
  );
}
