// Calendar arithmetic on local dates written YYYY-MM-DD. Pure: never reads the clock.

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Days since 1970-01-01 for a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The YYYY-MM-DD date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** b − a in whole days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The Monday that starts the week holding `date`. */
export function weekStart(date: string): string {
  const day = dayNumber(date);
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
  return dateOfDay(day - weekday);
}

/** "Saturday 12 May" (with the year when it differs from `today`'s). */
export function formatDay(date: string, today?: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const base = `${WEEKDAYS[d.getUTCDay()] ?? ""} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ""}`;
  return today !== undefined && today.slice(0, 4) !== date.slice(0, 4) ? `${base} ${date.slice(0, 4)}` : base;
}

/** Milliseconds since the epoch of an ISO instant. */
export function instantMs(iso: string): number {
  return Date.parse(iso);
}
