import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname } from "node:path";
import type { Db } from "./open.ts";
import { DomainError } from "../errors.ts";
import { storageError } from "./storage-errors.ts";

export interface BackupResult {
  file: string;
  bytes: number;
  activities: number;
  painEntries: number;
}

/** Refuses to overwrite: a backup is something you keep. */
export function assertNewFile(file: string): void {
  if (existsSync(file)) {
    throw new DomainError(
      "file-exists",
      `${file} already exists; choose a new name or move the old one away.`,
    );
  }
}

function assertFolder(file: string): void {
  const dir = dirname(file);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DomainError(
      "backup-folder-missing",
      `The folder ${dir} does not exist; create it first or choose another place for the backup.`,
    );
  }
}

function failed(file: string, err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  if ((err as { code?: unknown }).code === "EEXIST") {
    return new DomainError(
      "file-exists",
      `${file} already exists; choose a new name or move the old one away.`,
    );
  }
  const storage = storageError(err, dirname(file));
  if (storage) return new DomainError(storage.code, `The backup could not be written: ${storage.message}`);
  return new DomainError(
    "backup-failed",
    `The backup could not be written to ${file}: ${(err as Error).message}`,
  );
}

/** The copy's row counts, after SQLite's integrity check of it. */
function checkCopy(partial: string): { activities: number; painEntries: number } {
  const copy = new Database(partial, { readonly: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok")
      throw new DomainError("backup-failed", `The copy failed its integrity check (${String(check)}).`);
    const count = (table: string): number =>
      (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { activities: count("activities"), painEntries: count("pain_entries") };
  } finally {
    copy.close();
  }
}

/**
 * Copies the database with SQLite's online backup (safe while the server writes: pages are copied under the
 * read lock and restarted if a writer changes them). The copy goes to a unique name in the target folder,
 * created exclusively (O_EXCL | O_NOFOLLOW: never a file or a link planted there), is checked, then linked to
 * `file`, which must not exist (link() does not replace), and the temporary name removed.
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
  assertNewFile(file);
  assertFolder(file);
  const partial = `${file}.${randomBytes(6).toString("hex")}.partial`;
  let fd: number;
  try {
    fd = openSync(
      partial,
      constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (err) {
    throw failed(file, err);
  }
  try {
    const created = fstatSync(fd);
    await db.sqlite.backup(partial);
    // SQLite opened the name again itself: it must still be the file created above, not a link swapped in.
    const written = lstatSync(partial);
    if (!written.isFile() || written.ino !== created.ino || written.dev !== created.dev) {
      throw new DomainError(
        "backup-failed",
        `${partial} was replaced while the backup was written; nothing was kept.`,
      );
    }
    const counts = checkCopy(partial);
    fsyncSync(fd);
    linkSync(partial, file);
    return { file, bytes: statSync(file).size, ...counts };
  } catch (err) {
    throw failed(file, err);
  } finally {
    closeSync(fd);
    // The read-only check leaves the copy's (empty) WAL files; the copy itself carries every page.
    for (const name of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(name, { force: true });
  }
}

/** A connection of its own that copies committed WAL pages into the database file; PASSIVE never blocks a writer. */
export function openCheckpointConnection(file: string): { checkpoint: () => void; close: () => void } {
  const sqlite = new Database(file);
  sqlite.pragma(`busy_timeout = 5000`);
  return {
    checkpoint: () => sqlite.pragma("wal_checkpoint(PASSIVE)"),
    close: () => sqlite.close(),
  };
}

/** Stops the connection's own checkpoints (another thread does them); the returned function restores them. */
export function pauseAutoCheckpoint(db: Db): () => void {
  const previous = db.sqlite.pragma("wal_autocheckpoint", { simple: true }) as number;
  db.sqlite.pragma("wal_autocheckpoint = 0");
  return () => void db.sqlite.pragma(`wal_autocheckpoint = ${previous}`);
}
