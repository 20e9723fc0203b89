import { isTooShort } from "../../core/plausible.ts";
import type { Db } from "../../db/open.ts";
import { searchActivities, type ActivityQuery, type SearchedActivity } from "../../db/activity-search.ts";
import { dateSuspect } from "../../app/analysis/run-eligibility.ts";
import type { ActivityListItem, ActivityPage, ListFlag, RunTimeline } from "../../api/index.ts";
import type { AnalysisSnapshot } from "../../app/analysis/service.ts";
import { toListItem } from "./analysis.ts";

export interface RunsListQuery extends ActivityQuery {
  page: number;
  pageSize: number;
  flags: ListFlag[];
  includeShort: boolean;
}

const SPIKY = new Set(["10_to_30pct", "30_to_100pct", "over_100pct"]);

function hasFlag(item: ActivityListItem, flag: ListFlag): boolean {
  switch (flag) {
    case "overstriding":
      return item.flags.overstriding === "possible" || item.flags.overstriding === "marked";
    case "spike":
      return item.flags.spike !== null && SPIKY.has(item.flags.spike.category);
    case "partial":
      return item.partial;
    case "demo":
      return item.demo === true;
    case "date":
      return item.dateSuspect;
  }
}

/**
 * One page of the runs list: SQL narrows by date, distance, text, shoe; flags come from the analysis and
 * are applied after, so paging is done here (a ten-year history is ~2,000 rows, a few ms).
 */
export function listRuns(db: Db, snapshot: AnalysisSnapshot, today: string, q: RunsListQuery): ActivityPage {
  const rows = searchActivities(db, q);
  let hiddenShort = 0;
  const shown: SearchedActivity[] = [];
  const suspect: ActivityListItem[] = [];
  const item = (row: SearchedActivity): ActivityListItem => ({
    ...toListItem(row, snapshot.findingsById.get(row.id), today),
    demo: row.demo,
  });
  for (const row of rows) {
    if (dateSuspect(row, today)) suspect.push(item(row));
    if (!q.includeShort && row.isRun && isTooShort(row)) hiddenShort++;
    else shown.push(row);
  }
  // Only the rows on the page become list items, unless flags (from the analysis) narrow the list first.
  const items = q.flags.length ? shown.map(item).filter((i) => q.flags.every((f) => hasFlag(i, f))) : shown;
  const start = (q.page - 1) * q.pageSize;
  const page = items.slice(start, start + q.pageSize);
  return {
    items: q.flags.length ? (page as ActivityListItem[]) : (page as SearchedActivity[]).map(item),
    total: items.length,
    page: q.page,
    pageSize: q.pageSize,
    hiddenShort,
    ...(q.flags.length > 0 && { totalBeforeFlags: shown.length }),
    dateSuspect: suspect,
  };
}

/**
 * Every run on the analysis's time axis with a distance, newest first, as the pain timeline draws it: read from the
 * snapshot (the runs that count: not too short, not dated implausibly), so no query; the list pages carried every
 * field of every run (five 500-run pages, ~1.7 MB decoded, at ten years).
 */
export function runTimeline(snapshot: AnalysisSnapshot): RunTimeline {
  const runs: RunTimeline["runs"] = [];
  for (const run of snapshot.summaries.values()) {
    if (run.distanceM === null) continue;
    const item = toListItem(run, snapshot.findingsById.get(run.id));
    runs.push({
      id: run.id,
      localDate: run.localDate,
      distanceM: run.distanceM,
      lowCadence: hasFlag(item, "overstriding"),
      spike: hasFlag(item, "spike"),
    });
  }
  return { runs: runs.reverse() };
}
