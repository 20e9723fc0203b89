import type { BestEffort } from "../core/records.ts";
import type { Db } from "./open.ts";

/** Cached best efforts per run; a run's row goes with it (cascade). */
export function createEffortsRepo(db: Db) {
  const s = {
    all: db.sqlite.prepare<[], { activity_id: number; json: string }>(
      "SELECT activity_id, json FROM best_efforts",
    ),
    put: db.sqlite.prepare<[number, string], void>(
      "INSERT OR REPLACE INTO best_efforts (activity_id, json) VALUES (?, ?)",
    ),
  };
  return {
    all(): Map<number, BestEffort[]> {
      return new Map(s.all.all().map((r) => [r.activity_id, JSON.parse(r.json) as BestEffort[]]));
    },
    putMany(rows: readonly [number, BestEffort[]][]): void {
      db.transaction(() => {
        for (const [id, efforts] of rows) s.put.run(id, JSON.stringify(efforts));
      });
    },
  };
}
