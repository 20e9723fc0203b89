import type { Db } from "./open.ts";

export type SyncSource = "intervals" | "watch";
export type SyncStatus = "ok" | "partial" | "failed";
export type RemoteOutcome = "imported" | "duplicate" | "skipped" | "failed";

/** A file or activity that did not come in, and why, in words for the runner. */
export interface SyncFailure {
  file: string;
  message: string;
}

export interface SyncRun {
  source: SyncSource;
  startedAt: string;
  finishedAt: string;
  status: SyncStatus;
  downloaded: number;
  imported: number;
  duplicate: number;
  skipped: number;
  rejected: number;
  /** Why a sync stopped or failed (null when it went through). */
  message: string | null;
  failures: SyncFailure[];
}

export interface LoggedSyncRun extends SyncRun {
  id: number;
}

interface LogRow {
  id: number;
  source: SyncSource;
  started_at: string;
  finished_at: string;
  status: SyncStatus;
  downloaded: number;
  imported: number;
  duplicate: number;
  skipped: number;
  rejected: number;
  message: string | null;
  failures: string;
}

/** Failures kept per sync run: enough to read, bounded for a sync of thousands. */
export const MAX_FAILURES = 20;

function toRun(r: LogRow): LoggedSyncRun {
  return {
    id: r.id,
    source: r.source,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    downloaded: r.downloaded,
    imported: r.imported,
    duplicate: r.duplicate,
    skipped: r.skipped,
    rejected: r.rejected,
    message: r.message,
    failures: JSON.parse(r.failures) as SyncFailure[],
  };
}

/** The sync log, what each remote activity became, and sync's small state values. */
export function createSyncLogRepo(db: Db) {
  const s = {
    log: db.sqlite.prepare(
      `INSERT INTO sync_log (source, started_at, finished_at, status, downloaded, imported, duplicate, skipped,
       rejected, message, failures) VALUES (@source, @startedAt, @finishedAt, @status, @downloaded, @imported,
       @duplicate, @skipped, @rejected, @message, @failures)`,
    ),
    recent: db.sqlite.prepare<[number], LogRow>("SELECT * FROM sync_log ORDER BY id DESC LIMIT ?"),
    remote: db.sqlite.prepare<[string, string], { outcome: RemoteOutcome; attempts: number }>(
      "SELECT outcome, attempts FROM remote_activities WHERE source = ? AND remote_id = ?",
    ),
    putRemote: db.sqlite.prepare<[string, string, string | null, RemoteOutcome, string], void>(
      `INSERT INTO remote_activities (source, remote_id, start_date, outcome, attempts, updated_at)
       VALUES (?, ?, ?, ?, 1, ?)
       ON CONFLICT (source, remote_id) DO UPDATE SET outcome = excluded.outcome,
       attempts = remote_activities.attempts + 1, updated_at = excluded.updated_at`,
    ),
    getState: db.sqlite.prepare<[string], { value: string }>("SELECT value FROM sync_state WHERE key = ?"),
    putState: db.sqlite.prepare<[string, string], void>(
      `INSERT INTO sync_state (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    dropState: db.sqlite.prepare<[string], void>("DELETE FROM sync_state WHERE key = ?"),
  };
  return {
    record(run: SyncRun): number {
      const failures = JSON.stringify(run.failures.slice(0, MAX_FAILURES));
      return Number(s.log.run({ ...run, failures }).lastInsertRowid);
    },
    recent(limit = 10): LoggedSyncRun[] {
      return s.recent.all(limit).map(toRun);
    },
    /** What a remote activity became, or null when it was never tried. */
    remote(source: SyncSource, remoteId: string): { outcome: RemoteOutcome; attempts: number } | null {
      return s.remote.get(source, remoteId) ?? null;
    },
    markRemote(
      source: SyncSource,
      remoteId: string,
      startDate: string | null,
      outcome: RemoteOutcome,
      now: string,
    ) {
      s.putRemote.run(source, remoteId, startDate, outcome, now);
    },
    state<T>(key: string): T | null {
      const row = s.getState.get(key);
      return row ? (JSON.parse(row.value) as T) : null;
    },
    setState(key: string, value: unknown): void {
      s.putState.run(key, JSON.stringify(value));
    },
    clearState(key: string): void {
      s.dropState.run(key);
    },
  };
}

export type SyncLogRepo = ReturnType<typeof createSyncLogRepo>;
