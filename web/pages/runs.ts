import type { ActivityListItem, ActivityPage } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { badge, flagBadges, loading, noData, pageHeader } from "../components.ts";
import type { RunFilters } from "../api-extra.ts";
import { filterForm, filtersFromQuery, isFiltered } from "./run-filters.ts";
import { datesToCheck } from "./dates-to-check.ts";
import { h, replace } from "../dom.ts";
import {
  fmtCadence,
  fmtDate,
  fmtDistance,
  fmtDuration,
  fmtPace,
  fmtSpeed,
  fmtSignedPct,
  fmtTimeOfDay,
  paceUnit,
} from "../format.ts";

const PAGE_SIZE = 50;

/** The list of activities, newest first, with flags; other sports muted or hidden. */
export async function runsPage(root: HTMLElement, ctx: { query: URLSearchParams }): Promise<void> {
  const flag = ctx.query.get("flag");
  const page = Math.max(1, Number(ctx.query.get("page")) || 1);
  if (flag === "overstriding" || flag === "spike") {
    currentQuery = ctx.query;
    return flaggedRuns(root, flag, page);
  }
  const showOther = ctx.query.get("all") !== "0";
  const filters = filtersFromQuery(ctx.query);
  replace(root, pageHeader("Runs"), loading());
  const [data, shoes] = await Promise.all([
    api.searchRuns(page, PAGE_SIZE, !showOther, filters),
    api.shoes().catch(() => []),
  ]);
  currentQuery = ctx.query;
  replace(
    root,
    content(data, showOther, filters),
    data.total === 0 && !isFiltered(filters) ? null : filterForm(ctx.query, shoes),
    datesToCheck(data.dateSuspect ?? []),
  );
  const table = root.querySelector(".table-wrap");
  const form = root.querySelector(".filters-box");
  // The filters sit above the table, under the page's intro.
  if (table && form) table.before(form);
}

let currentQuery = new URLSearchParams();

const FLAG_TITLES = {
  overstriding: "Runs with low cadence for their speed",
  spike: "Runs more than 10% longer than the longest of the 30 days before",
};
/** Every run carrying one flag (the runs behind an insight), filtered and paged by the server like the list. */
async function flaggedRuns(root: HTMLElement, flag: keyof typeof FLAG_TITLES, page: number): Promise<void> {
  const title = FLAG_TITLES[flag];
  replace(root, pageHeader(title), loading());
  const flagged = await api.searchRuns(page, PAGE_SIZE, true, { flags: [flag] });
  const pages = Math.max(1, Math.ceil(flagged.total / flagged.pageSize));
  replace(
    root,
    h("p", { class: "back" }, h("a", { href: "#/runs" }, "← All runs")),
    pageHeader(
      title,
      `${flagged.total} of your ${flagged.totalBeforeFlags ?? flagged.total} runs, newest first.`,
    ),
    flagged.items.length ? table(flagged.items) : h("p", { class: "muted" }, "None so far."),
    pages > 1 ? pager(flagged.page, pages, true) : null,
  );
}

function hrefFor(page: number, showOther: boolean): string {
  const q = new URLSearchParams(currentQuery);
  q.delete("page");
  q.delete("all");
  if (page > 1) q.set("page", String(page));
  if (!showOther) q.set("all", "0");
  const s = q.toString();
  return s ? `#/runs?${s}` : "#/runs";
}

function content(data: ActivityPage, showOther: boolean, filters: RunFilters): HTMLElement {
  const items = data.items;
  const toggle = h("input", { type: "checkbox", id: "show-other", "data-testid": "show-other" });
  toggle.checked = showOther;
  toggle.addEventListener("change", () => {
    location.hash = hrefFor(1, toggle.checked);
  });
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  if (data.total === 0 && showOther && !isFiltered(filters) && !data.hiddenShort) {
    return h(
      "div",
      {},
      pageHeader("Runs"),
      noData("Nothing imported yet: your runs will be listed here, newest first."),
    );
  }
  return h(
    "div",
    {},
    pageHeader(
      "Runs",
      data.total === 0
        ? "No runs yet: only other sports so far."
        : `${data.total} ${showOther ? `activit${data.total === 1 ? "y" : "ies"}` : `run${data.total === 1 ? "" : "s"}`}${isFiltered(filters) ? " match" : ""}, newest first. Flags are in orange.`,
    ),
    hiddenNote(data.hiddenShort ?? 0),
    h(
      "div",
      { class: "toolbar" },
      h("label", { class: "check" }, toggle, " Show other sports"),
      h("a", { href: "#/cadence" }, "Cadence vs speed across all runs"),
    ),
    data.total === 0
      ? h("p", { class: "muted", "data-testid": "no-match" }, "No runs match these filters.")
      : table(items),
    pages > 1 ? pager(data.page, pages, showOther) : null,
  );
}

function table(items: ActivityListItem[]): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "runs-table stack-table", "data-testid": "runs-table" },
      h("caption", { class: "visually-hidden" }, "Your activities, newest first"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Date"),
          h("th", { scope: "col", class: "num" }, "Distance"),
          h("th", { scope: "col", class: "num" }, "Time"),
          h("th", { scope: "col", class: "num" }, `Pace (${paceUnit()})`),
          h("th", { scope: "col", class: "num" }, "Cadence"),
          h("th", { scope: "col" }, "Flags"),
        ),
      ),
      h("tbody", {}, ...items.map(row)),
    ),
  );
}

function row(a: ActivityListItem): HTMLElement {
  const residual = a.cadenceResidualPct;
  return h(
    "tr",
    { class: a.isRun ? "" : "muted-row", "data-testid": "run-row", "data-id": a.id },
    h(
      "td",
      { class: "cell-date" },
      h("a", { href: `#/runs/${a.id}` }, fmtDate(a.localDate)),
      h(
        "span",
        { class: "cell-sub" },
        `${fmtTimeOfDay(a.localStartTime)}${a.isRun ? "" : ` · ${sportName(a)}`}`,
      ),
      a.name ? h("span", { class: "cell-sub run-name" }, a.name) : null,
    ),
    h("td", { class: "num", "data-label": "Distance" }, fmtDistance(a.distanceM)),
    h("td", { class: "num", "data-label": "Time" }, fmtDuration(a.timerS)),
    h(
      "td",
      { class: "num", "data-label": `Pace (${paceUnit()})` },
      a.isRun ? fmtPace(a.avgSpeedMps, false) : fmtSpeed(a.avgSpeedMps),
    ),
    h(
      "td",
      { class: "num", "data-label": "Cadence" },
      fmtCadence(a.avgCadenceSpm),
      residual === null ? null : h("span", { class: "cell-sub" }, `${fmtSignedPct(residual)} vs expected`),
    ),
    h("td", { class: "cell-flags" }, h("div", { class: "badges" }, ...flagBadges(a.flags), ...markBadges(a))),
  );
}

/** "Cycling", "Swimming": the FIT sport name in words. */
export function sportName(a: { sport: string; subSport: string | null }): string {
  // FIT names arrive as snake_case or camelCase ("standUpPaddleboarding").
  const word = a.sport
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function pager(page: number, pages: number, showOther: boolean): HTMLElement {
  return h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    page > 1
      ? h("a", { href: hrefFor(page - 1, showOther), class: "button", rel: "prev" }, "Newer")
      : h("span", {}),
    h("span", { class: "muted" }, `Page ${page} of ${pages}`),
    page < pages
      ? h("a", { href: hrefFor(page + 1, showOther), class: "button", rel: "next" }, "Older")
      : h("span", {}),
  );
}

/** What the file or the runner's data says about a row: a cut-off file, the demo, a date to check. */
export function markBadges(a: ActivityListItem): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (a.partial) out.push(h("span", { "data-testid": "partial-badge" }, badge("Partial file", "neutral")));
  if (a.demo) out.push(badge("Demo", "accent"));
  if (a.dateSuspect) out.push(badge("Date to check", "flag"));
  return out;
}

function hiddenNote(hidden: number): HTMLElement | null {
  if (hidden === 0) return null;
  const q = new URLSearchParams(currentQuery);
  q.set("short", "1");
  return h(
    "p",
    { class: "muted small", "data-testid": "hidden-short" },
    `${hidden} recording${hidden === 1 ? " is" : "s are"} hidden: under a minute or under 100 m, a watch started by mistake, so not counted as a run. `,
    h("a", { href: `#/runs?${q.toString()}` }, "Show them"),
  );
}
