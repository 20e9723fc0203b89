// Calendar arithmetic on local dates written YYYY-MM-DD. Pure: never reads the clock.

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The decimal number written by the digits date[from, to), or −1 when one is not a digit. */
function digitsAt(date: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = date.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Days since 1970-01-01 for a YYYY-MM-DD date (proleptic Gregorian, as Date.UTC). */
export function dayNumber(date: string): number {
  let y0 = digitsAt(date, 0, 4);
  let m = digitsAt(date, 5, 7);
  let d = digitsAt(date, 8, 10);
  // Digits are read in place (no substrings); anything else is read as Number() reads it.
  if (y0 < 0 || m < 0 || d < 0) {
    y0 = Number(date.slice(0, 4));
    m = Number(date.slice(5, 7));
    d = Number(date.slice(8, 10));
  }
  // Hinnant's days_from_civil: pure arithmetic, no Date objects on this hot path.
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, "0"));

/** String(n).padStart(2, "0"), from a table for the whole numbers a month or day can be. */
function twoDigits(n: number): string {
  return TWO_DIGITS[n] ?? String(n).padStart(2, "0");
}

/** The YYYY-MM-DD date of a day number. */
export function dateOfDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y >= 1000 && y <= 9999 ? y : String(y).padStart(4, "0")}-${twoDigits(m)}-${twoDigits(d)}`;
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
  // Day 0 (1970-01-01) was a Thursday: index 3 counting from Monday.
  const weekday = (((day + 3) % 7) + 7) % 7;
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
  // The shape every stored start has ("2026-05-12T06:30:00.000Z"), read in place; the rest goes to Date.parse.
  if (
    iso.length === 24 &&
    iso.charCodeAt(4) === 45 &&
    iso.charCodeAt(7) === 45 &&
    iso.charCodeAt(10) === 84 &&
    iso.charCodeAt(13) === 58 &&
    iso.charCodeAt(16) === 58 &&
    iso.charCodeAt(19) === 46 &&
    iso.charCodeAt(23) === 90
  ) {
    const month = digitsAt(iso, 5, 7);
    const day = digitsAt(iso, 8, 10);
    const hour = digitsAt(iso, 11, 13);
    const minute = digitsAt(iso, 14, 16);
    const second = digitsAt(iso, 17, 19);
    const ms = digitsAt(iso, 20, 23);
    // Days past the 28th, hour 24 and leap seconds are where Date.parse has its own rules: left to it.
    if (
      digitsAt(iso, 0, 4) >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 28 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      return dayNumber(iso) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
    }
  }
  return Date.parse(iso);
}

/**
 * The runner's local date at `now` in their UTC offset (the app takes it from their latest run: the watch knows
 * where they are better than the server does).
 */
export function runnerToday(now: Date, offsetS: number): string {
  return new Date(now.getTime() + offsetS * 1000).toISOString().slice(0, 10);
}
