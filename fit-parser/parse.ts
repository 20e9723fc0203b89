import { buildActivities } from "./build-activity.ts";
import { FitBudget, checkDuration, checkSampleRate } from "./budget.ts";
import { FitParseError, failure, warning } from "./errors.ts";
import type { FitMessages } from "@garmin/fitsdk";
import type { RecordColumns } from "./decoder/columns.ts";
import { walkSegments } from "./segments.ts";
import type { Segment } from "./segments.ts";
import type { Activity, ParseResult, ParseWarning } from "./types.ts";

// The parse both decoders share: segments, activity files, activities, warnings. parseFit (index.ts) runs it on
// our decoder; parseFitWithSdk (sdk-parse.ts) on the SDK's, kept apart so the app's bundles leave the SDK's
// decoder out.

function isActivityFile(type: unknown): boolean {
  // A missing file_id (or type) is given the benefit of the doubt; its sessions and records decide.
  return type === undefined || type === "activity" || type === 4;
}

/** Turns one CRC-checked segment into messages and record columns. */
export type SegmentDecoder = (
  bytes: Uint8Array,
  segment: Segment,
  budget: FitBudget,
) => { messages: FitMessages; records: RecordColumns };

function parse(bytes: Uint8Array, decode: SegmentDecoder): ParseResult {
  const walk = walkSegments(bytes);
  const warnings: ParseWarning[] = [];
  const activities: Activity[] = [];
  let activitySegments = 0;
  let truncated = false;
  // One budget for the whole file: a chain of segments is capped as one file.
  const budget = new FitBudget();
  for (const segment of walk.segments) {
    const { messages, records } = decode(bytes, segment, budget);
    if (segment.truncated) truncated = true;
    const type = messages.fileIdMesgs?.[0]?.type;
    if (!isActivityFile(type)) continue;
    activitySegments++;
    // Only records with a time count: a file of invalid timestamps has no rate, and is refused for having no data.
    checkSampleRate(timeSpanS(records.timestamp), timedCount(records.timestamp));
    // A segment with no session still becomes an activity: thousands of chained segments count as many sessions.
    budget.addSessions(Math.max(1, messages.sessionMesgs?.length ?? 0));
    const built = buildActivities(messages, records);
    for (const a of built.activities) checkDuration(sortedSpanS(a.samples.timeS));
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

/** Seconds from the earliest to the latest finite time in a column (0 when there is none). */
function timeSpanS(times: Float64Array): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return hi >= lo ? hi - lo : 0;
}

/** How many times in a column are finite. */
function timedCount(times: Float64Array): number {
  let n = 0;
  for (let i = 0; i < times.length; i++) if (Number.isFinite(times[i])) n++;
  return n;
}

/** The same for a column that never decreases and holds no NaN (an activity's sample times): last − first. */
function sortedSpanS(times: Float64Array): number {
  return times.length > 0 ? (times[times.length - 1] as number) - (times[0] as number) : 0;
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

/** Never throws: a FitParseError becomes its failure, anything else is the decoder failing on bytes it should read. */
export function guarded(bytes: Uint8Array, decode: SegmentDecoder): ParseResult {
  try {
    return parse(bytes, decode);
  } catch (err) {
    if (err instanceof FitParseError) return failure(err.code, err.message);
    // Anything else is the decoder failing on bytes it should read: say so rather than guess.
    return failure("unsupported-encoding");
  }
}
