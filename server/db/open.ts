import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DomainError } from "../errors.ts";
import { MIGRATIONS } from "./migrations.ts";

/** The one handle every repo is built on. */
export interface Db {
  readonly sqlite: Database.Database;
  /** Runs fn in a transaction (a savepoint when nested); a throw rolls it back. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** The database's file name inside the data folder. */
export const DB_FILE_NAME = "stridewise.db";

/** Opens the database of a data folder, creating the folder on first use. */
export function openDataDir(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  return openDb(join(dataDir, DB_FILE_NAME));
}

/** Milliseconds a writer waits for another process's lock (a sync and the server may share the file). */
const BUSY_TIMEOUT_MS = 5000;

/** Opens (or creates) the database and brings its schema up to date. ":memory:" is allowed. */
export function openDb(file: string): Db {
  const sqlite = new Database(file);
  // Only takes effect while the file is still empty. The database is mostly FIT originals of 50–500 kB:
  // 16 KiB pages store them in a quarter of the overflow pages of the 4 KiB default, and an import of
  // 300 one-hour runs writes about 30% faster. Small rows (pain, settings) lose nothing that matters.
  sqlite.pragma("page_size = 16384");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // NORMAL is durable in WAL mode except for the last commits on power loss, and never corrupts.
  sqlite.pragma("synchronous = NORMAL");
  const db: Db = {
    sqlite,
    // IMMEDIATE takes the write lock up front, so a read-then-write never fails midway on another writer.
    transaction: <T>(fn: () => T): T => sqlite.transaction(fn).immediate(),
    close: () => sqlite.close(),
  };
  try {
    migrate(db);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return db;
}

/** The schema version a database is at (PRAGMA user_version). */
export function schemaVersion(db: Db): number {
  return db.sqlite.pragma("user_version", { simple: true }) as number;
}

/** Applies every migration not yet applied, each in its own transaction with its version bump. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new DomainError(
      "database-too-new",
      `This database is at schema version ${current}, newer than this Stridewise knows (${migrations.length}). Update Stridewise.`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    const sql = migrations[version] as string;
    db.transaction(() => {
      db.sqlite.exec(sql);
      db.sqlite.pragma(`user_version = ${version + 1}`);
    });
  }
}

/** SQLite's data_version: it changes when another connection commits, so caches can tell they are stale. */
export function dataVersion(db: Db): number {
  return db.sqlite.pragma("data_version", { simple: true }) as number;
}
