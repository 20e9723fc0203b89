import type { PersonalRecordView, RecordsSoFar } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { card, loading, noData, pageHeader } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, fmtDistance, fmtDuration, fmtPace } from "../format.ts";

/** While runs are still being read, the page asks again this often, for at most two minutes. */
const POLL_MS = 1000;
const MAX_POLLS = 120;

/** Personal records: the fastest stretch of any run over each distance, from the samples, and the longest run. */
export async function recordsPage(root: HTMLElement): Promise<void> {
  replace(root, pageHeader("Personal records"), loading("Finding your fastest stretches…"));
  show(root, await api.recordsSoFar(), 0);
}

/** Draws the records read so far; while runs are pending, asks again until they are all read or the page is left. */
function show(root: HTMLElement, { records, pendingRuns }: RecordsSoFar, polls: number): void {
  replace(
    root,
    pageHeader(
      "Personal records",
      "The fastest stretch of any run over each distance, found in the second-by-second data (not only whole runs of that length).",
    ),
    pendingRuns > 0
      ? h(
          "p",
          { class: "muted", role: "status", "data-testid": "records-pending" },
          `Still reading ${pendingRuns} run${pendingRuns === 1 ? "" : "s"} for their fastest stretches: these records may improve in a moment.`,
        )
      : null,
    records.length ? recordsTable(records) : pendingRuns > 0 ? null : noData("No runs with distance yet."),
  );
  if (pendingRuns === 0 || polls >= MAX_POLLS) return;
  setTimeout(() => {
    if (!root.isConnected) return;
    api.recordsSoFar().then(
      (next) => root.isConnected && show(root, next, polls + 1),
      // A failed check leaves the records shown; the next visit asks again.
      () => undefined,
    );
  }, POLL_MS);
}

/** The records as a table: one row per distance. */
export function recordsTable(records: readonly PersonalRecordView[]): HTMLElement {
  return card(
    null,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "records-table", "data-testid": "records-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Distance"),
            h("th", { scope: "col", class: "num" }, "Time"),
            h("th", { scope: "col", class: "num" }, "Pace"),
            h("th", { scope: "col" }, "Run"),
          ),
        ),
        h(
          "tbody",
          {},
          ...records.map((r) =>
            h(
              "tr",
              { "data-testid": "record", "data-key": r.key },
              h(
                "th",
                { scope: "row" },
                r.key === "longest" ? `${r.label}: ${fmtDistance(r.distanceM)}` : r.label,
              ),
              h("td", { class: "num" }, r.durationS === null ? "—" : fmtDuration(r.durationS)),
              h("td", { class: "num" }, r.durationS === null ? "—" : fmtPace(r.distanceM / r.durationS)),
              h("td", {}, h("a", { href: `#/runs/${r.runId}` }, fmtDate(r.localDate, { year: true }))),
            ),
          ),
        ),
      ),
    ),
  );
}
