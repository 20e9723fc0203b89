import type { PreparedRuns } from "./engine/prepared-runs.ts";
import { DomainError } from "../../errors.ts";
import { storeParsed, type ImportContext } from "./store-file.ts";
import type { ImportParse } from "./engine/parse-file.ts";
import type { ImportOutcome } from "./types.ts";
import { storageError } from "./storage-errors.ts";

/** A candidate read, unpacked, hashed and parsed, ready to store; or its outcome, already known. */
export type Staged = { outcome: ImportOutcome } | { bytes: Uint8Array; hash: string; parsed: ImportParse };

/** Where stored runs' prepared analysis input goes (`ImportOptions.prepared`), and the arrivals awaited. */
export interface Keeping {
  keep: PreparedRuns | undefined;
  /** Input still being prepared on a worker, added once it arrives: awaited before the import returns. */
  kept: Promise<void>[];
}

export function rejection(display: string, err: unknown): ImportOutcome {
  const storage = storageError(err);
  if (storage) err = storage;
  if (err instanceof DomainError) {
    return { file: display, status: "rejected", activityIds: [], code: err.code, message: err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { file: display, status: "rejected", activityIds: [], code: "import-failed", message };
}

/**
 * Stores one file and keeps what its new runs' analysis needs. Never throws: the outcome says what happened.
 * `later` set: the keeping waits there for the enclosing transaction to commit.
 */
function storeOne(
  ctx: ImportContext,
  display: string,
  staged: Staged,
  { keep, kept }: Keeping,
  later?: (() => void)[],
): ImportOutcome {
  if ("outcome" in staged) return staged.outcome;
  const { parsed, prepared: runs } = staged.parsed;
  const keepRun = (index: number, id: number): void => {
    const run = runs[index];
    const session = parsed.ok ? parsed.activities[index] : undefined;
    if (!keep || !run || !session) return;
    if (!(run instanceof Promise)) return keep.add(id, session.startUtc, run);
    // One a worker failed to prepare is read from its original when analysed.
    kept.push(run.then((p) => keep.add(id, session.startUtc, p)).catch(() => undefined));
  };
  try {
    return storeParsed(ctx, display, staged.bytes, staged.hash, parsed, (index, id) =>
      later ? later.push(() => keepRun(index, id)) : keepRun(index, id),
    );
  } catch (err) {
    return rejection(display, err);
  }
}

/** SQLite ended the transaction itself (it does on some errors, a full disk among them). */
class BatchLost extends Error {}

/**
 * Stores files in one transaction, each in its own savepoint: a file that fails is rolled back alone, and the
 * commit writes each page the files share (rows, indexes, the tables' last pages) once instead of once a file.
 * With one commit a file, 300 one-hour runs wrote 5,046 WAL frames for 38 MB of originals; eight to a commit,
 * 2,839. Should the batch be lost as a whole (its commit failing on a full disk, say), each file is stored
 * again in its own transaction, for an outcome of its own.
 */
export function storeStaged(
  ctx: ImportContext,
  files: readonly { display: string; staged: Staged }[],
  keeping: Keeping,
): ImportOutcome[] {
  const alone = (): ImportOutcome[] =>
    files.map(({ display, staged }) => storeOne(ctx, display, staged, keeping));
  if (files.length < 2) return alone();
  const later: (() => void)[] = [];
  let outcomes: ImportOutcome[];
  try {
    outcomes = ctx.db.transaction(() =>
      files.map(({ display, staged }) => {
        const outcome = storeOne(ctx, display, staged, keeping, later);
        if (!ctx.db.sqlite.inTransaction) throw new BatchLost();
        return outcome;
      }),
    );
  } catch {
    return alone();
  }
  for (const keepRun of later) keepRun();
  return outcomes;
}
