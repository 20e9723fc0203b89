import type { PersonalRecordView } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { card } from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, fmtDistance, fmtDuration, fmtPace } from "../format.ts";

/** The distances a runner looks for first; at most three shown, shortest first. */
const PREFERRED = ["5k", "10k", "half", "marathon", "1k"];
const SHOWN = 3;

/** The records the Overview shows: the best few distances run, then the longest run. */
export function recordsHighlights(records: readonly PersonalRecordView[]): PersonalRecordView[] {
  const timed = records.filter((r) => r.key !== "longest" && r.durationS !== null);
  const picked = PREFERRED.flatMap((key) => timed.filter((r) => r.key === key))
    .slice(0, SHOWN)
    .sort((a, b) => a.distanceM - b.distanceM);
  const longest = records.find((r) => r.key === "longest");
  return longest ? [...picked, longest] : picked;
}

function recordLine(r: PersonalRecordView): HTMLElement {
  const what =
    r.key === "longest" || r.durationS === null
      ? `${fmtDistance(r.distanceM)}`
      : `${fmtDuration(r.durationS)} (${fmtPace(r.distanceM / r.durationS)})`;
  return h(
    "li",
    { "data-testid": "overview-record", "data-key": r.key },
    h("strong", {}, r.key === "longest" ? "Longest run" : r.label),
    ` ${what} · `,
    h("a", { href: `#/runs/${r.runId}` }, fmtDate(r.localDate, { year: true })),
  );
}

/**
 * Personal records on the Overview: filled once /api/records/so-far answers (records already worked out; it never
 * parses runs on the request path), so the rest of the page does not wait. Runs still being read are said, not
 * waited for; the card goes when there is nothing to show.
 */
export function recordsCard(): HTMLElement {
  const body = h("div", { "aria-live": "polite" }, h("p", { class: "loading" }, "Finding your records…"));
  const el = card("Personal records", body);
  el.dataset["testid"] = "overview-records";
  api
    .recordsSoFar()
    .then(({ records, pendingRuns }) => {
      const shown = recordsHighlights(records);
      if (shown.length === 0 && pendingRuns === 0) {
        el.remove();
        return;
      }
      replace(
        body,
        shown.length ? h("ul", { class: "plain-list records-list" }, ...shown.map(recordLine)) : null,
        pendingRuns > 0
          ? h(
              "p",
              { class: "muted small", "data-testid": "overview-records-pending" },
              `Still reading ${pendingRuns} run${pendingRuns === 1 ? "" : "s"} for records.`,
            )
          : null,
        h("p", {}, h("a", { href: "#/records", "data-testid": "overview-records-link" }, "All your records")),
      );
    })
    .catch(() => el.remove());
  return el;
}
