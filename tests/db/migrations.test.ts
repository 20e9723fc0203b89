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
        "activity_series",
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

  it("sets WAL, foreign keys, a busy timeout and synchronous=NORMAL on a file database", () => {
    const dir = mkdtempSync(join(tmpdir(), "stridewise-db-"));
    dirs.push(dir);
    const db = openDb(join(dir, "stridewise.db"));
    expect(db.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
    expect(db.sqlite.pragma("synchronous", { simple: true })).toBe(1);
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

  it("keeps the migration list frozen", () => {
    expect(Object.isFrozen(MIGRATIONS)).toBe(true);
  });
});
