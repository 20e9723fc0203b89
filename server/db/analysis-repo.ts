import type { Db } from "./open.ts";

/**
 * The analysis caches: per-run results stored as JSON under the key of the analysis that made them, and the
 * analysis state (the latest fitted model, the basis results are made under) under their keys.
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
    forget: db.sqlite.prepare<[number], void>("DELETE FROM run_analysis WHERE activity_id = ?"),
    ids: db.sqlite.prepare<[number], { activity_id: number }>(
      "SELECT activity_id FROM run_analysis WHERE analysis_version = ?",
    ),
    getState: db.sqlite.prepare<[string], { key: number; json: string }>(
      "SELECT key, json FROM analysis_state WHERE name = ?",
    ),
    putState: db.sqlite.prepare<[string, number, string], void>(
      "INSERT OR REPLACE INTO analysis_state (name, key, json) VALUES (?, ?, ?)",
    ),
    clearState: db.sqlite.prepare<[], void>("DELETE FROM analysis_state"),
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
    /** Drops one run's cached result: it carries the run's date (its trend point), so a run that moves loses it. */
    forget(activityId: number): void {
      s.forget.run(activityId);
    },
    /** Activities with a result made under `version`. */
    analysed(version: number): Set<number> {
      return new Set(s.ids.all(version).map((r) => r.activity_id));
    },
    /** State saved under `name` ('fitted' or 'basis') with its key, or null. */
    state(name: "fitted" | "basis"): { key: number; value: unknown } | null {
      const row = s.getState.get(name);
      return row ? { key: row.key, value: JSON.parse(row.json) as unknown } : null;
    },
    putState(name: "fitted" | "basis", key: number, value: unknown): void {
      s.putState.run(name, key, JSON.stringify(value));
    },
    clear(): number {
      s.clearState.run();
      return s.clear.run().changes;
    },
  };
}

export type AnalysisRepo = ReturnType<typeof createAnalysisRepo>;
