import type { Activity, Lap, Samples } from "../../fit-parser/types.ts";
import type { Db } from "./open.ts";
import {
  type ActivityRow,
  type StorableActivity,
  type LapRow,
  ACTIVITY_COLUMNS,
  activityValues,
  isDateSuspect,
  serverZoneOffsetS,
  toLap,
  toSummary,
} from "./activity-rows.ts";
import { localClock } from "../core/date-fix.ts";
import { type UtcOffsetSource, nearestOffset } from "../core/time-zone.ts";
import { createAnalysisRepo } from "./analysis-repo.ts";

/** An activity as listed: the parsed session without its laps and samples, plus what storage adds. */
export interface ActivitySummary extends Omit<Activity, "laps" | "samples"> {
  id: number;
  fileId: number;
  sessionIndex: number;
  /** A running session (a triathlon's run leg counts); other sports are kept but are not runs. */
  isRun: boolean;
  hasGps: boolean;
  sampleCount: number;
  /** Started before 2000 or after tomorrow: kept, but for the runner to confirm (see isDateSuspect). */
  dateSuspect: boolean;
  /** Read from a file cut off before its end; a more complete copy of the same run replaces it. */
  partial: boolean;
  /** The runner's own title and notes for the run. */
  name: string | null;
  notes: string;
  shoeId: number | null;
  /** Seconds the runner moved the run by from where its file puts it (a watch clock never set); 0 when untouched. */
  dateShiftS: number;
  /** The same move in days (fractional when the time of day moved too), for callers that count days. */
  dateShiftDays: number;
  /** The runner said an implausible-looking date is right. */
  dateConfirmed: boolean;
  /** Where utcOffsetS (and so localDate) comes from: the file, or assumed when the file records none. */
  utcOffsetSource: UtcOffsetSource;
}

/** What storage adds to a new activity beside what the file says. */
export interface InsertMarks {
  partial?: boolean;
  /** The runner's fields carried over from a partial copy this one replaces. */
  carried?: { name: string | null; notes: string; shoeId: number | null } | undefined;
}

/** An activity with its laps, as stored. Its samples are not stored: they are read from the original. */
export interface ActivityWithLaps extends ActivitySummary {
  laps: Lap[];
}

/** An activity with its laps and its samples (server/app/load-activity.ts reads them from the original). */
export interface StoredActivity extends ActivityWithLaps {
  samples: Samples;
}

/** The original an activity was read from, and which of its sessions the activity is. */
export interface ActivityOriginal {
  bytes: Uint8Array;
  sessionIndex: number;
}

export interface ListOptions {
  limit?: number;
  offset?: number;
  runsOnly?: boolean;
}

/** Re-encoded copies: same serial and start within this, or (no serial) start within the looser window. */
const SERIAL_START_TOLERANCE_S = 2;
const START_TOLERANCE_S = 5;
const DISTANCE_TOLERANCE = 0.01;

function shiftIso(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

function sameDistance(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= DISTANCE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function prepareStatements(db: Db) {
  const q = db.sqlite;
  const placeholders = (n: number): string => Array.from({ length: n }, () => "?").join(", ");
  return {
    insert: q.prepare(
      `INSERT INTO activities (file_id, session_index, ${ACTIVITY_COLUMNS.join(", ")})
       VALUES (?, ?, ${placeholders(ACTIVITY_COLUMNS.length)})`,
    ),
    update: q.prepare(
      `UPDATE activities SET ${ACTIVITY_COLUMNS.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`,
    ),
    insertLap: q.prepare(
      `INSERT INTO laps (activity_id, lap_index, start_utc, elapsed_s, timer_s, distance_m, avg_speed_mps,
         avg_cadence_spm, avg_heart_rate_bpm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    marks: q.prepare<[number, number, number], void>(
      `UPDATE activities SET partial = ?,
         shoe_id = CASE WHEN is_run = 1 AND ? = 1 THEN (SELECT id FROM shoes WHERE is_default = 1 AND retired = 0)
                   ELSE shoe_id END
       WHERE id = ?`,
    ),
    carry: q.prepare<[string | null, string, number | null, number], void>(
      "UPDATE activities SET name = ?, notes = ?, shoe_id = ? WHERE id = ?",
    ),
    // The local date follows the file's rule (start + UTC offset), moved by the runner's shift.
    reshift: q.prepare<[number], void>(
      `UPDATE activities SET
         start_utc = strftime('%Y-%m-%dT%H:%M:%fZ', start_utc, date_shift_s || ' seconds'),
         local_date = date(start_utc, (coalesce(utc_offset_s, 0) + date_shift_s) || ' seconds'),
         date_suspect = (date(start_utc, (coalesce(utc_offset_s, 0) + date_shift_s) || ' seconds') < '2000-01-01'
                         OR date(start_utc, (coalesce(utc_offset_s, 0) + date_shift_s) || ' seconds')
                            > date('now', '+1 day'))
       WHERE id = ? AND date_shift_s != 0`,
    ),
    // Laps move with their run, so lap times stay offsets from the run's start.
    reshiftLaps: q.prepare<[number, number], void>(
      `UPDATE laps SET start_utc = strftime('%Y-%m-%dT%H:%M:%fZ', start_utc,
         (SELECT date_shift_s FROM activities WHERE id = ?) || ' seconds')
       WHERE activity_id = ?`,
    ),
    deleteLaps: q.prepare<[number], void>("DELETE FROM laps WHERE activity_id = ?"),
    assumed: q.prepare<
      [],
      { id: number; start_utc: string; utc_offset_s: number; utc_offset_source: string; local_date: string }
    >(
      `SELECT id, start_utc, utc_offset_s, utc_offset_source, local_date FROM activities
       WHERE utc_offset_source IN ('nearby-run', 'server-zone')`,
    ),
    recordedBefore: q.prepare<[string], { start_utc: string; utc_offset_s: number }>(
      `SELECT start_utc, utc_offset_s FROM activities
       WHERE start_utc <= ? AND utc_offset_source = 'file' AND utc_offset_s IS NOT NULL
       ORDER BY start_utc DESC LIMIT 1`,
    ),
    recordedAfter: q.prepare<[string], { start_utc: string; utc_offset_s: number }>(
      `SELECT start_utc, utc_offset_s FROM activities
       WHERE start_utc > ? AND utc_offset_source = 'file' AND utc_offset_s IS NOT NULL
       ORDER BY start_utc LIMIT 1`,
    ),
    assumeOffset: q.prepare<[number, string, number, number], void>(
      `UPDATE activities SET utc_offset_source = 'nearby-run', utc_offset_s = ?, local_date = ?, date_suspect = ?
       WHERE id = ?`,
    ),
    get: q.prepare<[number], ActivityRow>("SELECT * FROM activities WHERE id = ?"),
    laps: q.prepare<[number], LapRow>("SELECT * FROM laps WHERE activity_id = ? ORDER BY lap_index"),
    original: q.prepare<[number], { bytes: Buffer; session_index: number }>(
      "SELECT f.bytes, a.session_index FROM activities a JOIN files f ON f.id = a.file_id WHERE a.id = ?",
    ),
    list: q.prepare<[number, number, number], ActivityRow>(
      `SELECT * FROM activities WHERE is_run >= ? ORDER BY start_utc DESC, id DESC LIMIT ? OFFSET ?`,
    ),
    count: q.prepare<[number], { n: number }>("SELECT count(*) AS n FROM activities WHERE is_run >= ?"),
    byFile: q.prepare<[number], ActivityRow>(
      "SELECT * FROM activities WHERE file_id = ? ORDER BY session_index",
    ),
    remove: q.prepare<[number], void>("DELETE FROM activities WHERE id = ?"),
    leftInFile: q.prepare<[number], { n: number }>("SELECT count(*) AS n FROM activities WHERE file_id = ?"),
    deleteFile: q.prepare<[number], void>("DELETE FROM files WHERE id = ?"),
    sessionOf: q.prepare<[number], { file_id: number; session_index: number }>(
      "SELECT file_id, session_index FROM activities WHERE id = ?",
    ),
    markDeleted: q.prepare<[number, number], void>(
      "INSERT OR IGNORE INTO deleted_sessions (file_id, session_index) VALUES (?, ?)",
    ),
    deletedSessions: q.prepare<[number], { session_index: number }>(
      "SELECT session_index FROM deleted_sessions WHERE file_id = ?",
    ),
    window: q.prepare<[string, string, number], ActivityRow>(
      "SELECT * FROM activities WHERE start_utc BETWEEN ? AND ? AND file_id != ? ORDER BY id",
    ),
  };
}

/**
 * Activities and their laps. Callers wrap multi-step writes in db.transaction. `nowMs` is the clock that decides
 * which start dates are suspect (after tomorrow); `zoneOffsetS`, this computer's UTC offset at an instant, in
 * which a file that records none is first dated (activityValues).
 */
export function createActivitiesRepo(
  db: Db,
  nowMs: () => number = Date.now,
  zoneOffsetS: (atMs: number) => number = serverZoneOffsetS,
) {
  const s = prepareStatements(db);

  function writeLaps(id: number, activity: StorableActivity): void {
    s.deleteLaps.run(id);
    activity.laps.forEach((lap, i) =>
      s.insertLap.run(
        id,
        i,
        lap.startUtc,
        lap.elapsedS,
        lap.timerS,
        lap.distanceM,
        lap.avgSpeedMps,
        lap.avgCadenceSpm,
        lap.avgHeartRateBpm,
      ),
    );
  }

  return {
    /** Stores one session of a file with its laps; returns the new id. */
    insert(
      fileId: number,
      sessionIndex: number,
      activity: StorableActivity,
      marks: InsertMarks = {},
    ): number {
      return db.transaction(() => {
        const id = Number(
          s.insert.run(fileId, sessionIndex, ...activityValues(activity, nowMs(), zoneOffsetS))
            .lastInsertRowid,
        );
        writeLaps(id, activity);
        s.marks.run(marks.partial ? 1 : 0, marks.carried ? 0 : 1, id);
        const c = marks.carried;
        if (c) s.carry.run(c.name, c.notes, c.shoeId, id);
        return id;
      });
    },
    /** Rewrites an activity in place from a fresh parse, keeping its id (reanalyse). */
    replace(id: number, activity: StorableActivity): void {
      db.transaction(() => {
        s.update.run(...activityValues(activity, nowMs(), zoneOffsetS), id);
        s.reshift.run(id);
        writeLaps(id, activity);
        s.reshiftLaps.run(id, id);
      });
    },
    /**
     * Dates each run whose file records no UTC offset in the offset of the runner's nearest run that records
     * one, once an import or reanalyse has stored what it brings (so the order files came in does not matter).
     * Returns how many runs moved to another date.
     */
    settleAssumedOffsets(): number {
      return db.transaction(() => {
        const analysis = createAnalysisRepo(db);
        let moved = 0;
        const near = (r: { start_utc: string; utc_offset_s: number } | undefined) =>
          r ? { startUtc: r.start_utc, utcOffsetS: r.utc_offset_s } : null;
        for (const row of s.assumed.all()) {
          const offsetS = nearestOffset(
            row.start_utc,
            near(s.recordedBefore.get(row.start_utc)),
            near(s.recordedAfter.get(row.start_utc)),
          );
          if (offsetS === null) continue;
          if (row.utc_offset_source === "nearby-run" && row.utc_offset_s === offsetS) continue;
          const { localDate } = localClock(row.start_utc, offsetS);
          const suspect = isDateSuspect({ startUtc: row.start_utc, localDate }, nowMs()) ? 1 : 0;
          s.assumeOffset.run(offsetS, localDate, suspect, row.id);
          if (localDate !== row.local_date) {
            analysis.forget(row.id);
            moved++;
          }
        }
        return moved;
      });
    },
    get(id: number): ActivityWithLaps | null {
      const row = s.get.get(id);
      return row ? { ...toSummary(row), laps: s.laps.all(id).map(toLap) } : null;
    },
    original(id: number): ActivityOriginal | null {
      const row = s.original.get(id);
      if (!row) return null;
      const bytes = new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
      return { bytes, sessionIndex: row.session_index };
    },
    /** Newest first. */
    list(opts: ListOptions = {}): ActivitySummary[] {
      return s.list.all(opts.runsOnly ? 1 : 0, opts.limit ?? 50, opts.offset ?? 0).map(toSummary);
    },
    count(opts: { runsOnly?: boolean } = {}): number {
      return s.count.get(opts.runsOnly ? 1 : 0)?.n ?? 0;
    },
    listForFile(fileId: number): ActivitySummary[] {
      return s.byFile.all(fileId).map(toSummary);
    },
    /** Deletes an activity (laps and analysis cascade); an original left with no activity goes too. */
    delete(id: number): boolean {
      return db.transaction(() => {
        const session = s.sessionOf.get(id);
        if (session === undefined) return false;
        s.remove.run(id);
        if ((s.leftInFile.get(session.file_id)?.n ?? 0) === 0) s.deleteFile.run(session.file_id);
        else s.markDeleted.run(session.file_id, session.session_index);
        return true;
      });
    },
    /** Sessions of a stored file that the runner deleted, so a re-read leaves them out. */
    deletedSessions(fileId: number): Set<number> {
      return new Set(s.deletedSessions.all(fileId).map((r) => r.session_index));
    },
    /** Ids of stored activities (from other files) that are this activity re-encoded. */
    findDuplicates(activity: StorableActivity, excludeFileId = -1, partial = false): number[] {
      const rows = s.window.all(
        shiftIso(activity.startUtc, -START_TOLERANCE_S),
        shiftIso(activity.startUtc, START_TOLERANCE_S),
        excludeFileId,
      );
      const start = Date.parse(activity.startUtc);
      const serial = activity.device.serialNumber;
      return rows
        .filter((row) => {
          if (row.sport !== activity.sport) return false;
          const deltaS = Math.abs(Date.parse(row.start_utc) - start) / 1000;
          if (serial !== null && row.device_serial !== null) {
            return row.device_serial === serial && deltaS <= SERIAL_START_TOLERANCE_S;
          }
          // A cut-off copy has less distance than the whole run: its start alone matches it.
          if (partial || row.partial === 1) return true;
          return sameDistance(row.distance_m, activity.distanceM);
        })
        .map((row) => row.id);
    },
  };
}

export type ActivitiesRepo = ReturnType<typeof createActivitiesRepo>;
