import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, migrate, openDb, schemaVersion } from "../../server/db/open.ts";
import { MIGRATIONS } from "../../server/db/migrations.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tables(db: Db): string[] {
  return (
    db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

describe("openDb()", () => {
  it("applies every migration to an empty database and records the version", () => {
    const db = openDb(":memory:");
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        "activities",
        "files",
        "laps",
        "pain_entries",
        "run_analysis",
        "settings",
        "sync_seen",
      ]),
    );
    expect(db.sqlite.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    db.close();
  });

  it("sets WAL, foreign keys, a busy timeout, synchronous=NORMAL and 16 KiB pages on a new file database", () => {
    const dir = mkdtempSync(join(tmpdir(), "stridewise-db-"));
    dirs.push(dir);
    const db = openDb(join(dir, "stridewise.db"));
    expect(db.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
    expect(db.sqlite.pragma("synchronous", { simple: true })).toBe(1);
    expect(db.sqlite.pragma("page_size", { simple: true })).toBe(16384);
    db.close();
  });

  it("reopens a migrated database without re-applying anything", () => {
    const dir = mkdtempSync(join(tmpdir(), "stridewise-db-"));
    dirs.push(dir);
    const file = join(dir, "stridewise.db");
    openDb(file).close();
    const db = openDb(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it("refuses a database made by a newer Stridewise", () => {
    const db = openDb(":memory:");
    db.sqlite.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this Stridewise/);
    db.close();
  });
});

describe("migrate()", () => {
  it("rolls a failing migration back whole and leaves the version where it was", () => {
    const db = openDb(":memory:");
    const broken = [...MIGRATIONS, "CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;"];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain("half_done");
    db.close();
  });

  it("moves a version 1 database, series table and all, to today's schema without losing a run", () => {
    const sqlite = new Database(":memory:");
    const db: Db = { sqlite, transaction: (fn) => sqlite.transaction(fn)(), close: () => sqlite.close() };
    migrate(db, MIGRATIONS.slice(0, 1));
    db.sqlite.exec(`INSERT INTO files VALUES (1, 'x', 'run.fit', 3, '2026-01-01T00:00:00Z', x'010203');
      INSERT INTO activities (id, file_id, session_index, sport, is_run, start_utc, local_date, has_gps,
        has_running_dynamics, sample_count) VALUES (7, 1, 0, 'running', 1, '2026-01-01T07:00:00.000Z', '2026-01-01', 0, 0, 1);
      INSERT INTO activity_series (activity_id, sample_count, time_s) VALUES (7, 1, x'0000000000000000');`);
    migrate(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain("activity_series");
    expect(db.sqlite.prepare("SELECT id FROM activities").all()).toEqual([{ id: 7 }]);
    db.close();
  });

  it("keeps the migration list frozen", () => {
    expect(Object.isFrozen(MIGRATIONS)).toBe(true);
  });
  it("merges a date's duplicate pain entries into its worst one, keeping every note and red flag", () => {
    const db = new Database(":memory:");
    const wrapped = { sqlite: db, transaction: <T>(fn: () => T): T => db.transaction(fn)() } as unknown as Db;
    migrate(wrapped, MIGRATIONS.slice(0, 4));
    const insert = db.prepare(
      `INSERT INTO pain_entries (date, severity, location, timing, note, red_flags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      "2026-01-05",
      2,
      "lateral",
      "after_run",
      "stairs",
      '["after_a_fall"]',
      "2026-01-05T10:00:00Z",
      "x",
    );
    insert.run(
      "2026-01-05",
      5,
      "anterior",
      "next_morning",
      "",
      '["pain_at_rest_or_night"]',
      "2026-01-06T10:00:00Z",
      "x",
    );
    insert.run("2026-01-05", 1, null, null, "fine later", "[]", "2026-01-07T10:00:00Z", "x");
    insert.run("2026-01-06", 0, null, null, "", "[]", "2026-01-06T10:00:00Z", "x");
    migrate(wrapped);
    const rows = db.prepare("SELECT * FROM pain_entries ORDER BY date").all() as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      date: "2026-01-05",
      severity: 5,
      location: "anterior",
      timing: "next_morning",
      note: "stairs / fine later",
      logged_at: "2026-01-05T10:00:00Z",
    });
    expect(JSON.parse(String(rows[0]?.["red_flags"])).sort()).toEqual([
      "after_a_fall",
      "pain_at_rest_or_night",
    ]);
    expect(rows[1]).toMatchObject({ date: "2026-01-06", logged_at: "2026-01-06T10:00:00Z", note: "" });
    expect(() => insert.run("2026-01-06", 1, "lateral", null, "", "[]", "t", "t")).toThrow(/UNIQUE/);
    db.close();
  });
  it("dates runs whose file records no UTC offset in their nearest run's offset, else this computer's zone", () => {
    const zone = process.env["TZ"];
    process.env["TZ"] = "Australia/Sydney";
    try {
      const at9 = (): { db: Database.Database; wrapped: Db } => {
        const db = new Database(":memory:");
        const wrapped = {
          sqlite: db,
          transaction: <T>(fn: () => T): T => db.transaction(fn)(),
        } as unknown as Db;
        migrate(wrapped, MIGRATIONS.slice(0, 9));
        db.exec("INSERT INTO files VALUES (1, 'x', 'run.fit', 3, '2026-01-01T00:00:00Z', x'010203')");
        return { db, wrapped };
      };
      const run = (
        db: Database.Database,
        id: number,
        startUtc: string,
        offset: number | null,
        date: string,
      ) =>
        db
          .prepare(
            `INSERT INTO activities (id, file_id, session_index, sport, is_run, start_utc, utc_offset_s, local_date,
               has_gps, has_running_dynamics, sample_count) VALUES (?, 1, ?, 'running', 1, ?, ?, ?, 0, 0, 1)`,
          )
          .run(id, id, startUtc, offset, date);
      const rows = (db: Database.Database) =>
        db
          .prepare("SELECT id, utc_offset_s, utc_offset_source, local_date FROM activities ORDER BY id")
          .all();

      const mixed = at9();
      run(mixed.db, 1, "2020-03-04T16:14:31.000Z", null, "2020-03-04");
      run(mixed.db, 2, "2020-03-10T08:00:00.000Z", -7 * 3600, "2020-03-10");
      run(mixed.db, 3, "2020-01-01T08:00:00.000Z", 10 * 3600, "2020-01-01");
      mixed.db.exec("INSERT INTO run_analysis VALUES (1, 2, '{}'), (2, 2, '{}')");
      migrate(mixed.wrapped);
      expect(rows(mixed.db)).toEqual([
        { id: 1, utc_offset_s: -25_200, utc_offset_source: "nearby-run", local_date: "2020-03-04" },
        { id: 2, utc_offset_s: -25_200, utc_offset_source: "file", local_date: "2020-03-10" },
        { id: 3, utc_offset_s: 36_000, utc_offset_source: "file", local_date: "2020-01-01" },
      ]);
      // The moved run's cached result carried its old date; the others' stay.
      expect(mixed.db.prepare("SELECT activity_id FROM run_analysis").all()).toEqual([{ activity_id: 2 }]);

      const alone = at9();
      run(alone.db, 1, "2020-03-04T16:14:31.000Z", null, "2020-03-04");
      migrate(alone.wrapped);
      // Sydney keeps summer time in March: UTC+11.
      expect(rows(alone.db)).toEqual([
        { id: 1, utc_offset_s: 39_600, utc_offset_source: "server-zone", local_date: "2020-03-05" },
      ]);
    } finally {
      if (zone === undefined) delete process.env["TZ"];
      else process.env["TZ"] = zone;
    }
  });
});
