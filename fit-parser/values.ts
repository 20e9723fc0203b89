// Defensive readers for SDK values: the typings are loose and real files hold odd things.

/** FIT epoch (1989-12-31T00:00:00Z) in Unix milliseconds. */
export const FIT_EPOCH_MS = 631065600000;

/** A finite number, or NaN for anything else (missing, null, a string, an array). */
export function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
}

/** A finite number or null (for summary fields, where NaN must never leak). */
export function numOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** A finite, strictly positive number or null (0 is a placeholder in some summaries). */
export function positiveOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;
}

/** Unix ms from a Date or a FIT date_time (seconds since the FIT epoch); NaN when neither. */
export function timeMs(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number" && Number.isFinite(v)) return FIT_EPOCH_MS + v * 1000;
  return Number.NaN;
}

/** An enum as the SDK names it ('running'), or its number as a string when the profile has no name. */
export function enumName(v: unknown): string | null {
  if (typeof v === "string" && v.length > 0) return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** Unix ms from FIT seconds (a record column); NaN stays NaN. */
export function fitSecondsMs(s: number): number {
  return FIT_EPOCH_MS + s * 1000;
}
