import { resolveDataDir } from "../config.ts";
import { openDataDir, type Db } from "../db/open.ts";
import { DomainError } from "../errors.ts";

/**
 * Runs one command against the data folder's database and closes it; a DomainError (a full disk, a file that
 * exists) is printed as its sentence with exit status 1, anything else stays a crash with its stack.
 */
export async function withDataDb(dataFlag: string | undefined, fn: (db: Db) => unknown): Promise<void> {
  const db = openDataDir(resolveDataDir(dataFlag));
  try {
    await fn(db);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}
