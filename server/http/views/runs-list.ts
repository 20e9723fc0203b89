import { dateSuspect, isTooShort } from "../../core/plausible.ts";
import type { Db } from "../../db/open.ts";
import {
  activitiesByIds,
  searchActivityKeys,
  type ActivityKey,
  type ActivityQuery,
} from "../../db/activity-search.ts";
import type { ActivityListItem, ActivityPage, ListFlag, RunTimeline } from "../../api/index.ts";
import type { AnalysisSnapshot } from "../../app/analysis/service.ts";
import { flagsOf, toListItem } from "./analysis.ts";

export interface RunsListQuery extends ActivityQuery {
  page: number;
  pageSize: number;
  flags: ListFlag[];
  includeShort: boolean;
}

const SPIKY = new Set(["10_to_30pct", "30_to_100pct", "over_100pct"]);

/** Whether the analysis flagged a run: low cadence for its speed, or a spike of 10% or more. */
function flaggedBy(flags: ActivityListItem["flags"], flag: "overstriding" | "spike"): boolean {
  if (flag === "overstriding") return flags.overstriding === "possible" || flags.overstriding === "marked";
  return flags.spike !== null && SPIKY.has(flags.spike.category);
}

/** Whether a listed run (its keys and its findings' flags) carries a flag. */
function keyHasFlag(
  key: ActivityKey,
  flags: ActivityListItem["flags"],
  flag: ListFlag,
  today: string,
): boolean {
  if (flag === "partial") return key.partial;
  if (flag === "demo") return key.demo;
  if (flag === "date") return dateSuspect(key, today);
  return flaggedBy(flags, flag);
}

/**
 * One page of the runs list: SQL narrows by date, distance, text, shoe; flags come from the analysis and are applied
 * to the keys of every match; whole rows are read only for the page and the dates to check.
 */
export function listRuns(db: Db, snapshot: AnalysisSnapshot, today: string, q: RunsListQuery): ActivityPage {
  let hiddenShort = 0;
  const shown: ActivityKey[] = [];
  const suspectIds: number[] = [];
  for (const key of searchActivityKeys(db, q)) {
    if (dateSuspect(key, today)) suspectIds.push(key.id);
    if (!q.includeShort && key.isRun && isTooShort(key)) hiddenShort++;
    else shown.push(key);
  }
  const flagged = q.flags.length
    ? shown.filter((k) => {
        const flags = flagsOf(snapshot.findingsById.get(k.id));
        return q.flags.every((f) => keyHasFlag(k, flags, f, today));
      })
    : shown;
  const start = (q.page - 1) * q.pageSize;
  const pageIds = flagged.slice(start, start + q.pageSize).map((k) => k.id);
  const item = (row: ReturnType<typeof activitiesByIds>[number]): ActivityListItem => ({
    ...toListItem(row, snapshot.findingsById.get(row.id), today),
    demo: row.demo,
  });
  return {
    items: activitiesByIds(db, pageIds).map(item),
    total: flagged.length,
    page: q.page,
    pageSize: q.pageSize,
    hiddenShort,
    ...(q.flags.length > 0 && { totalBeforeFlags: shown.length }),
    dateSuspect: activitiesByIds(db, suspectIds).map(item),
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
      lowCadence: flaggedBy(item.flags, "overstriding"),
      spike: flaggedBy(item.flags, "spike"),
    });
  }
  return { runs: runs.reverse() };
}
