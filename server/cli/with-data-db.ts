import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storageError } from "../app/storage-errors.ts";
import { resolveDataDir } from "../config.ts";
import { DB_FILE_NAME, openDataDir, openDb, type Db } from "../db/open.ts";
import { DomainError } from "../errors.ts";

/** "read": report, backup, export (they work on a read-only folder); "write": import, reanalyze. */
export type Access = "read" | "write";

interface Opened {
  db: Db;
  close: () => void;
}

/**
 * A read-only data folder: SQLite cannot open a WAL database there (it must create the -shm file), so a read
 * command works on a copy of the database in the system's temp folder, removed when it is done.
 */
function openCopy(dataDir: string): Opened {
  const dir = mkdtempSync(join(tmpdir(), "stridewise-read-only-"));
  try {
    const file = join(dataDir, DB_FILE_NAME);
    copyFileSync(file, join(dir, DB_FILE_NAME));
    // Commits not yet checkpointed into the database file live in the WAL: the copy needs them too.
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, join(dir, `${DB_FILE_NAME}-wal`));
    const db = openDb(join(dir, DB_FILE_NAME));
    return {
      db,
      close: () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function open(dataDir: string, access: Access): Opened {
  if (access === "read" && !existsSync(join(dataDir, DB_FILE_NAME))) {
    throw new DomainError(
      "no-data",
      `There is no Stridewise data in ${dataDir} yet; import some runs first.`,
    );
  }
  try {
    const db = openDataDir(dataDir);
    return { db, close: () => db.close() };
  } catch (err) {
    const storage = storageError(err, dataDir);
    if (access === "read" && storage?.code === "data-read-only") return openCopy(dataDir);
    throw storage ?? err;
  }
}

/**
 * Runs one command against the data folder's database and closes it; a DomainError (a full disk, a read-only
 * folder for a write, a file that exists) is printed as its sentence with exit status 1, anything else stays a
 * crash with its stack.
 */
export async function withDataDb(
  dataFlag: string | undefined,
  fn: (db: Db) => unknown,
  access: Access = "read",
): Promise<void> {
  const dataDir = resolveDataDir(dataFlag);
  let opened: Opened;
  try {
    opened = open(dataDir, access);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
    return;
  }
  try {
    await fn(opened.db);
  } catch (err) {
    const known = err instanceof DomainError ? err : storageError(err, dataDir);
    if (!known) throw err;
    console.error(known.message);
    process.exitCode = 1;
  } finally {
    opened.close();
  }
}
