import { buildActivities } from "./build-activity.ts";
import { FitParseError, failure, warning } from "./errors.ts";
import type { FitMessages } from "@garmin/fitsdk";
import { ColumnPool } from "./decoder/columns.ts";
import type { RecordColumns } from "./decoder/columns.ts";
import { decodeSegmentData } from "./decoder/decode.ts";
import { decodeSegment } from "./sdk-decode.ts";
import { walkSegments } from "./segments.ts";
import type { Segment } from "./segments.ts";
import type { Activity, ParseResult, ParseWarning } from "./types.ts";

export type * from "./types.ts";

function isActivityFile(type: unknown): boolean {
  // A missing file_id (or type) is given the benefit of the doubt; its sessions and records decide.
  return type === undefined || type === "activity" || type === 4;
}

/** Turns one CRC-checked segment into messages and record columns. */
type SegmentDecoder = (
  bytes: Uint8Array,
  segment: Segment,
) => { messages: FitMessages; records: RecordColumns };

function parse(bytes: Uint8Array, decode: SegmentDecoder): ParseResult {
  const walk = walkSegments(bytes);
  const warnings: ParseWarning[] = [];
  const activities: Activity[] = [];
  let activitySegments = 0;
  let truncated = false;
  for (const segment of walk.segments) {
    const { messages, records } = decode(bytes, segment);
    if (segment.truncated) truncated = true;
    const type = messages.fileIdMesgs?.[0]?.type;
    if (!isActivityFile(type)) continue;
    activitySegments++;
    const built = buildActivities(messages, records);
    activities.push(...built.activities);
    warnings.push(...built.warnings);
  }
  if (activitySegments === 0) return failure("not-an-activity");
  if (activities.length === 0) return failure(truncated ? "truncated-file" : "no-running-data");
  if (truncated) {
    warnings.unshift(
      warning("truncated-file", "The file is cut off before its end; everything up to the cut was kept."),
    );
  }
  if (walk.paddingBytes > 0) {
    warnings.push(
      warning("padding", `${walk.paddingBytes} empty bytes at the end of the file were ignored.`),
    );
  }
  return { ok: true, activities, warnings: dedupe(warnings) };
}

function dedupe(warnings: ParseWarning[]): ParseWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Each segment's records become samples before the next segment is decoded, and parseFit is synchronous, so one
// set of column buffers serves every call (each worker thread has its own module, hence its own pool).
const pool = new ColumnPool();
const decodePooled: SegmentDecoder = (bytes, segment) => decodeSegmentData(bytes, segment, pool);

/**
 * Reads a FIT file into one Activity per session. Never throws: every problem comes back as
 * `{ ok: false, code, message }` with a sentence a runner understands.
 */
export function parseFit(bytes: Uint8Array): ParseResult {
  return guarded(bytes, decodePooled);
}

/**
 * The same parse on @garmin/fitsdk's own decoder: the reference for differential tests and benchmarks. It cannot
 * read compressed timestamps and fails on the Forerunner 255 triathlons (both `unsupported-encoding`).
 */
export function parseFitWithSdk(bytes: Uint8Array): ParseResult {
  return guarded(bytes, decodeSegment);
}

function guarded(bytes: Uint8Array, decode: SegmentDecoder): ParseResult {
  try {
    return parse(bytes, decode);
  } catch (err) {
    if (err instanceof FitParseError) return failure(err.code, err.message);
    // Anything else is the decoder failing on bytes it should read: say so rather than guess.
    return failure("unsupported-encoding");
  }
}
