import type { PreparedRuns } from "./engine/prepared-runs.ts";
import type { ParsedFile } from "./engine/engine.ts";
import { refusal } from "./engine/parse-file.ts";
import { sameBytes, storeParsed, type ImportContext } from "./store-file.ts";
import type { ImportOutcome } from "./types.ts";

function rejected(display: string, { code, message }: { code: string; message: string }): ImportOutcome {
  return { file: display, status: "rejected", activityIds: [], code, message };
}

/**
 * Stores one file and keeps its new runs' prepared input for the analysis. Never throws: the outcome says what
 * happened. `later` set: the keeping waits there for the enclosing transaction to commit.
 */
function storeOne(
  ctx: ImportContext,
  { display, result }: ParsedFile,
  prepared: PreparedRuns,
  later?: (() => void)[],
): ImportOutcome {
  if (result.kind === "listed") return result.outcome;
  if (result.kind === "refused") return rejected(display, result);
  try {
    if (result.kind === "known") {
      const known = ctx.files.findBySha256(result.hash);
      // Deleted since a worker was told it was stored: rare, and importing it again stores it.
      if (!known) throw new Error(`${display} was deleted while it was imported; import it again.`);
      return sameBytes(ctx, display, known.id);
    }
    const keep = (index: number, id: number): void => prepared.keep(id, result, index);
    return storeParsed(ctx, display, result.bytes, result.hash, result.parsed, (index, id) =>
      later ? later.push(() => keep(index, id)) : keep(index, id),
    );
  } catch (err) {
    return rejected(display, refusal(err));
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
export function storeBatch(
  ctx: ImportContext,
  files: readonly ParsedFile[],
  prepared: PreparedRuns,
): ImportOutcome[] {
  const alone = (): ImportOutcome[] => files.map((file) => storeOne(ctx, file, prepared));
  if (files.length < 2) return alone();
  const later: (() => void)[] = [];
  let outcomes: ImportOutcome[];
  try {
    outcomes = ctx.db.transaction(() =>
      files.map((file) => {
        const outcome = storeOne(ctx, file, prepared, later);
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
