import { ColumnPool } from "./decoder/columns.ts";
import { decodeSegmentData } from "./decoder/decode.ts";
import { type SegmentDecoder, guarded } from "./parse.ts";
import type { ParseResult } from "./types.ts";

export type * from "./types.ts";

// Each segment's records become samples before the next segment is decoded, and parseFit is synchronous, so one
// set of column buffers serves every call (each worker thread has its own module, hence its own pool).
const pool = new ColumnPool();
const decodePooled: SegmentDecoder = (bytes, segment, budget) =>
  decodeSegmentData(bytes, segment, pool, budget);

/**
 * Reads a FIT file into one Activity per session. Never throws: every problem comes back as
 * `{ ok: false, code, message }` with a sentence a runner understands.
 */
export function parseFit(bytes: Uint8Array): ParseResult {
  return guarded(bytes, decodePooled);
}
