import { isTooShort } from "../core/plausible.ts";
import type { Db } from "../db/open.ts";
import { searchActivities, type ActivityQuery } from "../db/activity-search.ts";
import type { ActivityListItem, ActivityPage } from "../http/api-types.ts";
import type { AnalysisSnapshot } from "./analysis/service.ts";
import { toListItem } from "./analysis/views.ts";

/** Flags the runs list can be narrowed to; a run must carry every one asked for. */
export const LIST_FLAGS = ["overstriding", "spike", "partial", "demo", "date"] as const;
export type ListFlag = (typeof LIST_FLAGS)[number];

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
  const items: ActivityListItem[] = [];
  const suspect: ActivityListItem[] = [];
  for (const row of rows) {
    const item = { ...toListItem(row, snapshot.findingsById.get(row.id), today), demo: row.demo };
    if (item.dateSuspect) suspect.push(item);
    if (!q.includeShort && row.isRun && isTooShort(row)) {
      hiddenShort++;
      continue;
    }
    if (q.flags.every((f) => hasFlag(item, f))) items.push(item);
  }
  const start = (q.page - 1) * q.pageSize;
  return {
    items: items.slice(start, start + q.pageSize),
    total: items.length,
    page: q.page,
    pageSize: q.pageSize,
    hiddenShort,
    dateSuspect: suspect,
  };
}
