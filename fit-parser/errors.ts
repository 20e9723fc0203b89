import { FIT_LIMITS as L } from "./limits.ts";
import type { ParseErrorCode, ParseResult, ParseWarning } from "./types.ts";

/** 500000 → "500,000". Not toLocaleString: its first call loads ICU's locale data, ~11 ms of every start. */
function n(v: number): string {
  return String(v).replace(/\B(?=(\d{3})+$)/g, ",");
}

// One sentence per code, in the runner's words; `detail` names what exactly was wrong.
const MESSAGES: Record<ParseErrorCode, string> = {
  "empty-file": "This file is empty (0 bytes), so there is no activity to read.",
  "not-a-fit-file": "This is not a FIT file: it does not start with a FIT header.",
  "not-an-activity":
    "This FIT file is not an activity (it holds watch data such as settings, monitoring or a workout plan).",
  "corrupt-file": "This FIT file is damaged: its checksum does not match its contents.",
  "truncated-file": "This FIT file is cut off before its end, and nothing usable could be recovered.",
  "no-running-data": "This FIT file is an activity but holds no session or samples that could be read.",
  "unsupported-encoding":
    "This FIT file uses an encoding Stridewise cannot read yet, so it was not imported rather than read wrongly.",
  "too-many-records": `This FIT file holds more than ${n(L.maxRecords)} samples (days at one a second), more than any real activity, so it was not read.`,
  "too-many-messages": `This FIT file holds more than ${n(L.maxMessages)} laps, events and other messages, more than any real activity, so it was not read.`,
  "too-many-sessions": `This FIT file holds more than ${L.maxSessions} sessions (a triathlon has five), so it was not read.`,
  "too-many-definitions": `This FIT file defines more than ${n(L.maxDefinitions)} different message layouts (a watch uses a few dozen), so it was not read.`,
  "implausible-duration": `This FIT file's samples span more than ${L.maxDurationS / 86_400} days, which no single activity does (was the watch's clock wrong?), so it was not read.`,
  "implausible-sample-rate": `This FIT file holds more than ${L.maxSampleRateHz} samples a second over its whole length, which no watch records, so it was not read.`,
};

/** Thrown inside the parser only; `parseFit` turns it into a `{ ok: false }` result. */
export class FitParseError extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message?: string,
  ) {
    super(message ?? MESSAGES[code]);
  }
}

export function defaultMessage(code: ParseErrorCode): string {
  return MESSAGES[code];
}

export function failure(code: ParseErrorCode, message?: string): ParseResult {
  return { ok: false, code, message: message ?? MESSAGES[code] };
}

export function warning(code: string, message: string): ParseWarning {
  return { code, message };
}
