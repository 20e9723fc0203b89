import { FitParseError } from "./errors.ts";
import { FIT_LIMITS } from "./limits.ts";

/** Counts, across the segments of one file, what the limits bound; throws a FitParseError at the first breach. */
export class FitBudget {
  records = 0;
  messages = 0;
  sessions = 0;
  private readonly layouts = new Set<string>();

  /** Rows the decoder may still add before the record cap. */
  recordsLeft(): number {
    return FIT_LIMITS.maxRecords - this.records;
  }

  /** A segment's records, once decoded (its table refused any past recordsLeft() already). */
  addRecords(n: number): void {
    this.records += n;
    if (this.records > FIT_LIMITS.maxRecords) throw new FitParseError("too-many-records");
  }

  addMessage(): void {
    if (++this.messages > FIT_LIMITS.maxMessages) throw new FitParseError("too-many-messages");
  }

  /** A segment's sessions: each becomes an activity, matched against every record and lap of the segment. */
  addSessions(n: number): void {
    this.sessions += n;
    if (this.sessions > FIT_LIMITS.maxSessions) throw new FitParseError("too-many-sessions");
  }

  /** A definition's identifying bytes: a layout not seen before in this file counts toward the cap. */
  addLayout(key: string): void {
    if (this.layouts.has(key)) return;
    this.layouts.add(key);
    if (this.layouts.size > FIT_LIMITS.maxDefinitions) throw new FitParseError("too-many-definitions");
  }
}

/** The duration bound on one activity: `spanS` from its first to its last sample. */
export function checkDuration(spanS: number): void {
  if (spanS > FIT_LIMITS.maxDurationS) throw new FitParseError("implausible-duration");
}

/** The sample-rate bound on a segment's `count` records whose times span `spanS`. */
export function checkSampleRate(spanS: number, count: number): void {
  // A short burst at a high rate is fine (a few seconds of 4 Hz data): only sustained rates count.
  if (count > 3_600 && count > (Math.max(spanS, 0) + 1) * FIT_LIMITS.maxSampleRateHz) {
    throw new FitParseError("implausible-sample-rate");
  }
}
