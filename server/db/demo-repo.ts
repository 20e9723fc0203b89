import type { Db } from "./open.ts";

// What a pain entry says; an entry whose fingerprint changed was edited (or replaced) by the runner.
const FINGERPRINT = "json_array(date, severity, location, side, timing, note, red_flags)";

/** Which stored runs and pain entries came from "Try the demo", so they can go without touching real ones. */
export function createDemoRepo(db: Db) {
  const q = db.sqlite;
  const s = {
    markFiles: q.prepare<[number], void>("UPDATE activities SET demo = 1 WHERE id = ?"),
    markPain: q.prepare<[number], void>(
      `INSERT OR IGNORE INTO demo_pain_entries (pain_id, fingerprint)
       SELECT id, ${FINGERPRINT} FROM pain_entries WHERE id = ?`,
    ),
    counts: q.prepare<[], { demo: number; real: number }>(
      `SELECT coalesce(sum(demo = 1), 0) AS demo, coalesce(sum(demo = 0), 0) AS real
       FROM activities WHERE is_run = 1`,
    ),
    demoFiles: q.prepare<[], { n: number }>(
      "SELECT count(DISTINCT file_id) AS n FROM activities WHERE demo = 1",
    ),
    // A demo file holds only demo runs, so the whole original goes (its activities cascade).
    removeFiles: q.prepare<[], void>(
      "DELETE FROM files WHERE id IN (SELECT file_id FROM activities WHERE demo = 1)",
    ),
    removePain: q.prepare<[], void>(
      `DELETE FROM pain_entries WHERE id IN (
         SELECT d.pain_id FROM demo_pain_entries d JOIN pain_entries p ON p.id = d.pain_id
         WHERE d.fingerprint = ${FINGERPRINT.replace(/\b(date|severity|location|side|timing|note|red_flags)\b/g, "p.$1")})`,
    ),
    forgetPain: q.prepare<[], void>("DELETE FROM demo_pain_entries"),
    tables: q.prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    ),
  };
  return {
    /** Tags these activities and these pain entries as the demo's. */
    mark(activityIds: readonly number[], painIds: readonly number[]): void {
      db.transaction(() => {
        for (const id of activityIds) s.markFiles.run(id);
        for (const id of painIds) s.markPain.run(id);
      });
    },
    /** Runs stored from demo files and from the runner's own. */
    runCounts(): { demo: number; real: number } {
      return s.counts.get() ?? { demo: 0, real: 0 };
    },
    /** Deletes every demo file (its runs cascade) and the demo's pain entries; real data stays. */
    remove(): { files: number } {
      return db.transaction(() => {
        const files = s.demoFiles.get()?.n ?? 0;
        s.removeFiles.run();
        s.removePain.run();
        s.forgetPain.run();
        return { files };
      });
    },
    /**
     * Empties every table (originals, runs, pain, shoes, settings, sync state): the data folder as new.
     * Listed from the schema so a table added later is emptied too.
     */
    wipeAll(): void {
      db.transaction(() => {
        for (const { name } of s.tables.all()) q.prepare(`DELETE FROM "${name.replace(/"/g, '""')}"`).run();
      });
      // Deleted rows stay in free pages until VACUUM writes the file anew.
      q.exec("VACUUM");
    },
  };
}

export type DemoRepo = ReturnType<typeof createDemoRepo>;
