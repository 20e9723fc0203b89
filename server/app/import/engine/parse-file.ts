import { parseFit } from "../../../../fit-parser/index.ts";
import { isRunSport } from "../../../core/sport.ts";
import { type StorableParse, storableParse } from "../../../db/activity-rows.ts";
import { DomainError } from "../../../errors.ts";
import { type RawFile, readFitBytes, sha256 } from "../read-file.ts";
import { storageError } from "../../../db/storage-errors.ts";
import { type PackedRun, prepareAndPack } from "./packed-run.ts";

/** A file's parse, and each session's prepared run (null for other sports and runs without samples). */
export interface ParsedRuns {
  parsed: StorableParse;
  prepared: (PackedRun | null)[];
}

/** What reading one file came to: its parse, or bytes stored already, or why it was refused. */
export type FileResult =
  | ({ kind: "parsed"; bytes: Uint8Array; hash: string } & ParsedRuns)
  | { kind: "known"; hash: string }
  | { kind: "refused"; code: string; message: string };

/** How a file is parsed: whether its runs are prepared for the analysis, and packed (a long import). */
export interface ParseSettings {
  prepare: boolean;
  pack: boolean;
}

/** A failure said as an outcome: a full disk or a DomainError in the runner's words, else as it came. */
export function refusal(err: unknown): { kind: "refused"; code: string; message: string } {
  const said = storageError(err) ?? err;
  if (said instanceof DomainError) return { kind: "refused", code: said.code, message: said.message };
  return {
    kind: "refused",
    code: "import-failed",
    message: said instanceof Error ? said.message : String(said),
  };
}

/**
 * Reads, hashes and, unless its bytes are stored already, parses one file and prepares its runs for the
 * analysis: the same work on this thread or a worker. Never throws.
 */
export function parseFile(
  file: RawFile,
  isKnown: (hash: string) => boolean,
  settings: ParseSettings,
): FileResult {
  try {
    const bytes = readFitBytes(file);
    const hash = sha256(bytes);
    if (isKnown(hash)) return { kind: "known", hash };
    return { kind: "parsed", bytes, hash, ...parseAndPrepare(bytes, settings) };
  } catch (err) {
    return refusal(err);
  }
}

/** Parses FIT bytes and prepares their runs for the analysis: the one parse of the import and of reanalyse. */
export function parseAndPrepare(bytes: Uint8Array, settings: ParseSettings): ParsedRuns {
  const result = parseFit(bytes);
  const prepared =
    result.ok && settings.prepare
      ? result.activities.map((a) =>
          isRunSport(a.sport) && a.samples.count > 0 ? prepareAndPack(a.samples, settings.pack) : null,
        )
      : [];
  return { parsed: storableParse(result), prepared };
}
