import { SampleArena, parseFit } from "../../../../fit-parser/index.ts";
import type { Samples } from "../../../../fit-parser/types.ts";
import { type StorableParse, isRunSport, storableParse } from "../../../db/activity-rows.ts";
import { type PackedRun, packedBuffers, prepareToKeep } from "./packed-run.ts";
import type { LentColumns } from "./lent-columns.ts";

/** Works out a run's analysis input from its samples, packed to be kept: here, or on a worker (a promise). */
export type Preparer = (samples: Samples) => PackedRun | Promise<PackedRun>;

/**
 * Whether an import prepares its runs' analysis input (null: nothing analyses them, `--no-analysis`), and
 * whether it packs it (`compact`: worth it only when many runs are kept, see PACK_FROM_FILES).
 */
export type Preparing = { compact: boolean } | null;

/** The preparer on this thread for `preparing`. */
export function preparerHere(preparing: Preparing): Preparer | null {
  return preparing && ((samples) => prepareToKeep(samples, preparing.compact));
}

/**
 * A file's parse as the import carries it: what storage keeps, and for each run session what its analysis
 * reads from the samples (null for other sports and runs without samples), so the analysis after the import
 * need not read and parse the file again.
 */
export interface ImportParse {
  parsed: StorableParse;
  prepared: (PackedRun | Promise<PackedRun> | null)[];
}

// Parses on one thread follow each other, and their samples are dropped before the next starts (below).
const arena = new SampleArena();

/**
 * `preparer` null: nothing analyses the runs now (`--no-analysis`), so nothing is prepared. Without `lent`
 * the samples do not outlive this call (a preparer on this thread), so their memory is reused from one file to
 * the next; with it, a worker prepares them: they are columns lent to it, and given back.
 */
export function parseForImport(
  bytes: Uint8Array,
  preparer: Preparer | null,
  lent?: LentColumns,
): ImportParse {
  const result = parseFit(bytes, { arena: lent ?? arena });
  // Storage's part first: a worker preparing the samples takes them away.
  const parsed = storableParse(result);
  const run = (a: { sport: string; samples: { count: number } }): boolean =>
    isRunSport(a.sport) && a.samples.count > 0;
  const prepared =
    result.ok && preparer ? result.activities.map((a) => (run(a) ? preparer(a.samples) : null)) : [];
  return { parsed, prepared };
}

/** The buffers of prepared runs' columns: moved to the importing thread, not copied. */
export function preparedBuffers(prepared: readonly (PackedRun | Promise<PackedRun> | null)[]): ArrayBuffer[] {
  return packedBuffers(prepared.flatMap((p) => (p && !(p instanceof Promise) ? [p] : [])));
}
