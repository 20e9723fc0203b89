import type { Db } from "./open.ts";

/**
 * The analysis caches: per-run results stored as JSON under the key of the analysis that made them, and the
 * latest cadence model under the key of the runs it was fitted on.
 */
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
    ids: db.sqlite.prepare<[number], { activity_id: number }>(
      "SELECT activity_id FROM run_analysis WHERE analysis_version = ?",
    ),
    getModel: db.sqlite.prepare<[number], { json: string }>(
      "SELECT json FROM analysis_model WHERE window_key = ?",
    ),
    clearModels: db.sqlite.prepare<[], void>("DELETE FROM analysis_model"),
    putModel: db.sqlite.prepare<[number, string], void>(
      "INSERT INTO analysis_model (window_key, json) VALUES (?, ?)",
    ),
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
    /** Activities with a result made under `version`. */
    analysed(version: number): Set<number> {
      return new Set(s.ids.all(version).map((r) => r.activity_id));
    },
    /** The model fitted on the runs behind `key`, or null. */
    getModel(key: number): unknown {
      const row = s.getModel.get(key);
      return row ? (JSON.parse(row.json) as unknown) : null;
    },
    /** Keeps one model: the latest fitted. Call inside a transaction. */
    putModel(key: number, model: unknown): void {
      s.clearModels.run();
      s.putModel.run(key, JSON.stringify(model));
    },
    clear(): number {
      s.clearModels.run();
      return s.clear.run().changes;
    },
  };
}

export type AnalysisRepo = ReturnType<typeof createAnalysisRepo>;
