import { type SegmentDecoder, guarded } from "./parse.ts";
import { decodeSegment } from "./sdk-decode.ts";
import type { ParseResult } from "./types.ts";

const decodeWithSdk: SegmentDecoder = decodeSegment;

/**
 * The same parse on @garmin/fitsdk's own decoder: the reference for differential tests and benchmarks. It cannot
 * read compressed timestamps and fails on the Forerunner 255 triathlons (both `unsupported-encoding`).
 */
export function parseFitWithSdk(bytes: Uint8Array): ParseResult {
  return guarded(bytes, decodeWithSdk);
}
