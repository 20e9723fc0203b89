import type { ActivitySummary } from "./activities-repo.ts";
import { type ActivityRow, toSummary } from "./activity-rows.ts";
import type { Db } from "./open.ts";

/** What the runs list can be narrowed by; every field optional. Dates are local YYYY-MM-DD, inclusive. */
export interface ActivityQuery {
  runsOnly?: boolean;
  from?: string;
  to?: string;
  minDistanceM?: number;
  maxDistanceM?: number;
  /** Matched case-insensitively against the run's name, notes and file name. */
  text?: string;
  /** A shoe id, or "none" for runs with no shoe. */
  shoe?: number | "none";
  partial?: boolean;
  demo?: boolean;
}

/** A listed activity with its demo tag. */
export type SearchedActivity = ActivitySummary & { demo: boolean };

type SearchRow = ActivityRow & { demo: number };

/**
 * FROM … WHERE … ORDER BY for a query, newest first; values are always bound, never spliced. The files row (one
 * page read per run, ~2,000 at ten years) is joined only when the file name is searched.
 */
function matching(q: ActivityQuery): { sql: string; values: (string | number)[] } {
  const { sql, values } = where(q);
  const join = q.text ? "JOIN files f ON f.id = a.file_id" : "";
  return { sql: `FROM activities a ${join} ${sql} ORDER BY a.start_utc DESC, a.id DESC`, values };
}

/** Builds the WHERE clause for a query. */
function where(q: ActivityQuery): { sql: string; values: (string | number)[] } {
  const parts: string[] = [];
  const values: (string | number)[] = [];
  const add = (sql: string, ...v: (string | number)[]): void => {
    parts.push(sql);
    values.push(...v);
  };
  if (q.runsOnly) add("a.is_run = 1");
  if (q.from !== undefined) add("a.local_date >= ?", q.from);
  if (q.to !== undefined) add("a.local_date <= ?", q.to);
  if (q.minDistanceM !== undefined) add("coalesce(a.distance_m, 0) >= ?", q.minDistanceM);
  if (q.maxDistanceM !== undefined) add("coalesce(a.distance_m, 0) <= ?", q.maxDistanceM);
  if (q.text !== undefined && q.text !== "") {
    // LIKE with an escape so "%" and "_" typed by the runner match themselves.
    const pattern = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add(
      "(coalesce(a.name, '') LIKE ? ESCAPE '\\' OR a.notes LIKE ? ESCAPE '\\' OR f.original_name LIKE ? ESCAPE '\\')",
      pattern,
      pattern,
      pattern,
    );
  }
  if (q.shoe === "none") add("a.shoe_id IS NULL");
  else if (q.shoe !== undefined) add("a.shoe_id = ?", q.shoe);
  if (q.partial !== undefined) add("a.partial = ?", q.partial ? 1 : 0);
  if (q.demo !== undefined) add("a.demo = ?", q.demo ? 1 : 0);
  return { sql: parts.length ? `WHERE ${parts.join(" AND ")}` : "", values };
}

/** What the runs list filters and counts by, for every matching run; full rows are read for one page only. */
export interface ActivityKey {
  id: number;
  isRun: boolean;
  localDate: string;
  timerS: number | null;
  elapsedS: number | null;
  distanceM: number | null;
  dateConfirmed: boolean;
  partial: boolean;
  demo: boolean;
}

type KeyRow = [number, number, string, number | null, number | null, number | null, number, number, number];

/** The keys of every activity matching a query, newest first: a tenth of the work of whole rows at ten years. */
export function searchActivityKeys(db: Db, q: ActivityQuery): ActivityKey[] {
  const { sql, values } = matching(q);
  const rows = db.sqlite
    .prepare<(string | number)[], KeyRow>(
      `SELECT a.id, a.is_run, a.local_date, a.timer_s, a.elapsed_s, a.distance_m, a.date_confirmed, a.partial, a.demo
       ${sql}`,
    )
    .raw()
    .all(...values);
  return rows.map(([id, isRun, localDate, timerS, elapsedS, distanceM, confirmed, partial, demo]) => ({
    id,
    isRun: isRun === 1,
    localDate,
    timerS,
    elapsedS,
    distanceM,
    dateConfirmed: confirmed === 1,
    partial: partial === 1,
    demo: demo === 1,
  }));
}

/** Whole rows for these ids, in the order given (ids not stored are left out). */
export function activitiesByIds(db: Db, ids: readonly number[]): SearchedActivity[] {
  if (ids.length === 0) return [];
  const rows = db.sqlite
    .prepare<[string], SearchRow>(
      "SELECT a.* FROM activities a WHERE a.id IN (SELECT value FROM json_each(?))",
    )
    .all(JSON.stringify(ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ ...toSummary(r), demo: r.demo === 1 }] : [];
  });
}

/** Every activity matching a query, newest first. */
export function searchActivities(db: Db, q: ActivityQuery): SearchedActivity[] {
  const { sql, values } = matching(q);
  const rows = db.sqlite.prepare<(string | number)[], SearchRow>(`SELECT a.* ${sql}`).all(...values);
  return rows.map((r) => ({ ...toSummary(r), demo: r.demo === 1 }));
}
