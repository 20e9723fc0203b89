import Database from "better-sqlite3";
import { fstatSync, lstatSync, statSync } from "node:fs";
import type { Db } from "./open.ts";
import { DomainError } from "../errors.ts";
import { writeNewFile } from "./new-file.ts";

export interface BackupResult {
  file: string;
  bytes: number;
  activities: number;
  painEntries: number;
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
 * read lock and restarted if a writer changes them) to a new file (writeNewFile), checked before it is kept.
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
  const counts = await writeNewFile(
    file,
    "backup",
    async (fd, partial) => {
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
      return checkCopy(partial);
    },
    // The read-only check leaves the copy's (empty) WAL files; the copy itself carries every page.
    ["-wal", "-shm"],
  );
  return { file, bytes: statSync(file).size, ...counts };
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
