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

/** Builds the WHERE clause for a query; values are always bound, never spliced. */
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

/** Every activity matching a query, newest first (the runs list filters flags and pages after this). */
export function searchActivities(db: Db, q: ActivityQuery): SearchedActivity[] {
  const { sql, values } = where(q);
  // The files row (one page read per run, ~2,000 at ten years) only when the file name is searched.
  const join = q.text ? "JOIN files f ON f.id = a.file_id" : "";
  const rows = db.sqlite
    .prepare<(string | number)[], SearchRow>(
      `SELECT a.* FROM activities a ${join} ${sql} ORDER BY a.start_utc DESC, a.id DESC`,
    )
    .all(...values);
  return rows.map((r) => ({ ...toSummary(r), demo: r.demo === 1 }));
}
