import Database from "better-sqlite3";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import type { Db } from "./open.ts";
import { DomainError } from "../errors.ts";

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

/**
 * Copies the database with SQLite's online backup (safe while the server writes: pages are copied under the
 * read lock and restarted if a writer changes them), to `file.partial` first, checked, then renamed.
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
  assertNewFile(file);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.sqlite.backup(partial);
    const copy = new Database(partial, { readonly: true });
    try {
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok")
        throw new DomainError("backup-failed", `The copy failed its integrity check (${String(check)}).`);
      const count = (table: string): number =>
        (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      const result = { activities: count("activities"), painEntries: count("pain_entries") };
      copy.close();
      renameSync(partial, file);
      return { file, bytes: statSync(file).size, ...result };
    } finally {
      if (copy.open) copy.close();
    }
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof DomainError) throw err;
    throw new DomainError(
      "backup-failed",
      `The backup could not be written to ${file}: ${(err as Error).message}`,
    );
  }
}
