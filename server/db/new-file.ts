import { randomBytes } from "node:crypto";
import { closeSync, constants, existsSync, fsyncSync, linkSync, openSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { DomainError } from "../errors.ts";
import { storageError } from "./storage-errors.ts";

/** What the new file is, in its error codes and sentences. */
export type NewFileKind = "backup" | "export";

/** Refuses to overwrite: a backup or an export is something you keep. */
export function assertNewFile(file: string): void {
  if (existsSync(file)) {
    throw new DomainError(
      "file-exists",
      `${file} already exists; choose a new name or move the old one away.`,
    );
  }
}

/** The folder must exist: said as a sentence, not as an ENOENT from deep inside. */
function assertFolder(file: string, kind: NewFileKind): void {
  const dir = dirname(file);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DomainError(
      `${kind}-folder-missing`,
      `The folder ${dir} does not exist; create it first or choose another place for the ${kind}.`,
    );
  }
}

function failed(file: string, kind: NewFileKind, err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  if ((err as { code?: unknown }).code === "EEXIST") {
    return new DomainError(
      "file-exists",
      `${file} already exists; choose a new name or move the old one away.`,
    );
  }
  const storage = storageError(err, dirname(file));
  if (storage) return new DomainError(storage.code, `The ${kind} could not be written: ${storage.message}`);
  return new DomainError(
    `${kind}-failed`,
    `The ${kind} could not be written to ${file}: ${(err as Error).message}`,
  );
}

/**
 * Writes `file`, which must not exist, through a unique temporary name in its folder created exclusively
 * (O_EXCL | O_NOFOLLOW: never a file or a link planted there), then linked to `file` (link() does not replace)
 * and removed. `write` gets the open descriptor and the temporary name; `leftovers` are suffixes of other files
 * the writing may leave beside it (a SQLite copy's -wal and -shm), removed too.
 */
export async function writeNewFile<T>(
  file: string,
  kind: NewFileKind,
  write: (fd: number, partial: string) => Promise<T>,
  leftovers: readonly string[] = [],
): Promise<T> {
  assertNewFile(file);
  assertFolder(file, kind);
  const partial = `${file}.${randomBytes(6).toString("hex")}.partial`;
  let fd: number;
  try {
    fd = openSync(
      partial,
      constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (err) {
    throw failed(file, kind, err);
  }
  try {
    const result = await write(fd, partial);
    fsyncSync(fd);
    linkSync(partial, file);
    return result;
  } catch (err) {
    throw failed(file, kind, err);
  } finally {
    closeSync(fd);
    for (const name of [partial, ...leftovers.map((s) => `${partial}${s}`)]) rmSync(name, { force: true });
  }
}
