import type { PersonalRecordView } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { card, loading, noData, pageHeader } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, fmtDistance, fmtDuration, fmtPace } from "../format.ts";

/** Personal records: the fastest stretch of any run over each distance, from the samples, and the longest run. */
export async function recordsPage(root: HTMLElement): Promise<void> {
  replace(root, pageHeader("Personal records"), loading("Finding your fastest stretches…"));
  const records = await api.records();
  replace(
    root,
    pageHeader(
      "Personal records",
      "The fastest stretch of any run over each distance, found in the second-by-second data (not only whole runs of that length).",
    ),
    records.length ? recordsTable(records) : noData("No runs with distance yet."),
  );
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
