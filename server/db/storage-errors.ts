import { DomainError } from "../errors.ts";

// SQLite and file-system failures that are about the data folder, not a bug: said in the runner's words.

const READ_ONLY = new Set(["SQLITE_READONLY", "SQLITE_CANTOPEN", "EROFS", "EACCES", "EPERM"]);

function codeOf(err: unknown): string {
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
  // Extended SQLite codes (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE…) share their family's meaning.
  return code.replace(/^(SQLITE_[A-Z]+?)_[A-Z_]+$/, "$1");
}

/** A DomainError for a full disk or a read-only data folder; null for anything else. */
export function storageError(err: unknown, dataDir?: string): DomainError | null {
  const code = codeOf(err);
  const where = dataDir ? ` (${dataDir})` : "";
  if (code === "SQLITE_FULL" || code === "ENOSPC") {
    return new DomainError(
      "disk-full",
      `The disk holding Stridewise's data folder${where} is full, so nothing was saved. Free some space and try again; the data already stored is intact.`,
    );
  }
  if (READ_ONLY.has(code)) {
    return new DomainError(
      "data-read-only",
      `Stridewise cannot write to its data folder${where}: it is read-only or belongs to another user. Check the folder's permissions (or choose another with --data).`,
    );
  }
  if (code === "SQLITE_IOERR") {
    return new DomainError(
      "storage-error",
      `Reading or writing the data folder${where} failed at the disk level. Check the disk; the database was left as it was.`,
    );
  }
  return null;
}
