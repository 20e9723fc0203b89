// Which time zone a run is dated in. Pure: the offsets are given.

/**
 * Where a run's UTC offset comes from: its file; else, assumed, the runner's nearest run in time whose file
 * records one (runners rarely change zone between runs); else the zone of the computer Stridewise runs on.
 */
export type UtcOffsetSource = "file" | "nearby-run" | "server-zone";

/** The local date (YYYY-MM-DD) of an instant in a UTC offset (s): the fit-parser's rule, localDateOf. */
export function localDateAt(startUtc: string, offsetS: number): string {
  return new Date(Date.parse(startUtc) + offsetS * 1000).toISOString().slice(0, 10);
}

/** Of the runs before and after a start that record their offset, the nearer one's offset; null when neither. */
export function nearestOffset(
  startUtc: string,
  before: { startUtc: string; utcOffsetS: number } | null,
  after: { startUtc: string; utcOffsetS: number } | null,
): number | null {
  if (before === null || after === null) return (before ?? after)?.utcOffsetS ?? null;
  const at = Date.parse(startUtc);
  return at - Date.parse(before.startUtc) <= Date.parse(after.startUtc) - at
    ? before.utcOffsetS
    : after.utcOffsetS;
}
