/**
 * The runner's local date at `now`: their UTC offset is taken from their latest run (the watch knows
 * where they are better than the server does), else the server's own zone.
 */
export function runnerToday(now: Date, latestOffsetS: number | null): string {
  const offsetS = latestOffsetS ?? -now.getTimezoneOffset() * 60;
  return new Date(now.getTime() + offsetS * 1000).toISOString().slice(0, 10);
}
