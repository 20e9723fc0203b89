import { ColumnPool } from "./decoder/columns.ts";
import { decodeSegmentData } from "./decoder/decode.ts";
import { type SegmentDecoder, guarded } from "./parse.ts";
import type { ColumnSource } from "./samples.ts";
import type { ParseResult } from "./types.ts";

export type * from "./types.ts";

// Each segment's records become samples before the next segment is decoded, and parseFit is synchronous, so one
// set of column buffers serves every call (each worker thread has its own module, hence its own pool).
const pool = new ColumnPool();
const decodePooled: SegmentDecoder = (bytes, segment, budget) =>
  decodeSegmentData(bytes, segment, pool, budget);

export { SampleArena, type ColumnSource } from "./samples.ts";

/**
 * Reads a FIT file into one Activity per session. Never throws: every problem comes back as
 * `{ ok: false, code, message }` with a sentence a runner understands. Given an `arena`, the sample columns
 * come from it (a SampleArena's are views into it, overwritten by the next parse given the same arena).
 */
export function parseFit(bytes: Uint8Array, options: { arena?: ColumnSource } = {}): ParseResult {
  return guarded(bytes, decodePooled, options.arena);
}
