import type { Db } from "./open.ts";

/** The per-run analysis cache: results are stored as JSON under the version of the analysis that made them. */
export function createAnalysisRepo(db: Db) {
  const s = {
    get: db.sqlite.prepare<[number, number], { json: string }>(
      "SELECT json FROM run_analysis WHERE activity_id = ? AND analysis_version = ?",
    ),
    put: db.sqlite.prepare<[number, number, string], void>(
      `INSERT INTO run_analysis (activity_id, analysis_version, json) VALUES (?, ?, ?)
       ON CONFLICT (activity_id) DO UPDATE SET analysis_version = excluded.analysis_version, json = excluded.json`,
    ),
    clear: db.sqlite.prepare<[], void>("DELETE FROM run_analysis"),
  };
  return {
    /** The cached result, or null when missing or made by another analysis version. */
    get(activityId: number, version: number): unknown {
      const row = s.get.get(activityId, version);
      return row ? (JSON.parse(row.json) as unknown) : null;
    },
    put(activityId: number, version: number, result: unknown): void {
      s.put.run(activityId, version, JSON.stringify(result));
    },
    clear(): number {
      return s.clear.run().changes;
    },
  };
}

export type AnalysisRepo = ReturnType<typeof createAnalysisRepo>;
