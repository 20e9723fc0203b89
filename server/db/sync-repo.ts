import type { Db } from "./open.ts";

/** What sync has already looked at, by absolute path, size and modification time. */
export function createSyncRepo(db: Db) {
  const s = {
    get: db.sqlite.prepare<[string], { size_bytes: number; mtime_ms: number }>(
      "SELECT size_bytes, mtime_ms FROM sync_seen WHERE path = ?",
    ),
    put: db.sqlite.prepare<[string, number, number, string], void>(
      `INSERT INTO sync_seen (path, size_bytes, mtime_ms, seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET size_bytes = excluded.size_bytes, mtime_ms = excluded.mtime_ms,
       seen_at = excluded.seen_at`,
    ),
  };
  return {
    /** True when this path was seen with exactly this size and mtime. */
    isSeen(path: string, sizeBytes: number, mtimeMs: number): boolean {
      const row = s.get.get(path);
      return row !== undefined && row.size_bytes === sizeBytes && row.mtime_ms === Math.trunc(mtimeMs);
    },
    markSeen(path: string, sizeBytes: number, mtimeMs: number, now: string): void {
      s.put.run(path, sizeBytes, Math.trunc(mtimeMs), now);
    },
  };
}

export type SyncRepo = ReturnType<typeof createSyncRepo>;
