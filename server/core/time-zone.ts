// Which time zone a run is dated in. Pure: the offsets are given.

/**
 * Where a run's UTC offset comes from: its file; else, assumed, the runner's nearest run in time whose file
 * records one (runners rarely change zone between runs); else the zone of the computer Stridewise runs on.
 */
export type UtcOffsetSource = "file" | "nearby-run" | "server-zone";

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
