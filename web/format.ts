import type { Units } from "../server/api/index.ts";

// Unit-aware formatting. The current units are set once from /api/settings and whenever they change.

const METRES_PER_MILE = 1609.344;
let units: Units = "km";

/** Sets the units every formatter uses. */
export function setUnits(next: Units): void {
  units = next;
}

export function getUnits(): Units {
  return units;
}

/** Metres in one display unit of distance (km or mi). */
export function metresPerUnit(): number {
  return units === "mi" ? METRES_PER_MILE : 1000;
}

/** "km" or "mi". */
export function distanceUnit(): string {
  return units;
}

/** "min/km" or "min/mi". */
export function paceUnit(): string {
  return `min/${units}`;
}

/** "km/h" or "mph". */
export function speedUnit(): string {
  return units === "mi" ? "mph" : "km/h";
}

/** Distance in display units as a number (for charts). */
export function toDistance(metres: number): number {
  return metres / metresPerUnit();
}

/** Speed in km/h or mph as a number (for charts). */
export function toSpeed(mps: number): number {
  return (mps * 3600) / metresPerUnit();
}

/** Pace in seconds per km or mile, or null when too slow to be running pace. */
export function toPaceS(mps: number | null): number | null {
  if (mps === null || !Number.isFinite(mps) || mps < 0.5) return null;
  return metresPerUnit() / mps;
}

/** "12.3 km"; "—" when unknown. */
export function fmtDistance(metres: number | null | undefined, withUnit = true): string {
  if (metres === null || metres === undefined || !Number.isFinite(metres)) return "—";
  const value = toDistance(metres).toFixed(1);
  return withUnit ? `${value} ${units}` : value;
}

/** "5:32" from seconds; "1:21:15" from an hour up (never "81:15"). */
export function fmtMinSec(totalS: number): string {
  const rounded = Math.round(totalS);
  if (rounded >= 3600) return fmtDuration(rounded);
  const min = Math.floor(rounded / 60);
  const sec = rounded % 60;
  return `${min}:${String(sec).padStart(2, "0")}`;
}

/** "5:32 /km"; "—" when unknown. */
export function fmtPace(mps: number | null | undefined, withUnit = true): string {
  const paceS = toPaceS(mps ?? null);
  if (paceS === null) return "—";
  return withUnit ? `${fmtMinSec(paceS)} /${units}` : fmtMinSec(paceS);
}

/** "27.4 km/h" (for sports where pace means little); "—" when unknown. */
export function fmtSpeed(mps: number | null | undefined): string {
  if (mps === null || mps === undefined || !Number.isFinite(mps) || mps <= 0) return "—";
  return `${toSpeed(mps).toFixed(1)} ${speedUnit()}`;
}

/** "172 spm"; "—" when unknown. */
export function fmtCadence(spm: number | null | undefined, withUnit = true): string {
  if (spm === null || spm === undefined || !Number.isFinite(spm)) return "—";
  return withUnit ? `${Math.round(spm)} spm` : String(Math.round(spm));
}

/** "1:02:03" or "42:05"; "—" when unknown. */
export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const total = Math.round(seconds);
  const hrs = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const mmss = `${String(min).padStart(hrs > 0 ? 2 : 1, "0")}:${String(sec).padStart(2, "0")}`;
  return hrs > 0 ? `${hrs}:${mmss}` : mmss;
}

/** Signed whole percent: "+12%", "−6%". */
export function fmtSignedPct(pct: number | null | undefined, digits = 0): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return "—";
  const text = Math.abs(pct).toFixed(digits);
  if (Number(text) === 0) return `0%`;
  return `${pct > 0 ? "+" : "−"}${text}%`;
}

/** A 0–1 share as "42%". */
export function fmtShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return `${Math.round(share * 100)}%`;
}

/** Parses a local YYYY-MM-DD as a local calendar date (no UTC shift). */
export function parseLocalDate(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** "Sat 14 Jun" from a local YYYY-MM-DD; the year is shown when it is not this year (or when asked). */
export function fmtDate(date: string, opts: { weekday?: boolean; year?: boolean | "auto" } = {}): string {
  const parsed = parseLocalDate(date);
  // "auto" drops the year for dates in the current year.
  const year = opts.year ?? "auto";
  const showYear = year === "auto" ? parsed.getFullYear() !== Number(runnerToday().slice(0, 4)) : year;
  return parsed.toLocaleDateString(undefined, {
    weekday: opts.weekday === false ? undefined : "short",
    day: "numeric",
    month: "short",
    year: showYear ? "numeric" : undefined,
  });
}

/** "14 Jun" from a local YYYY-MM-DD. */
export function fmtShortDate(date: string): string {
  return parseLocalDate(date).toLocaleDateString(undefined, { day: "numeric", month: "short" });
}

/** An axis label: "14 Jun" over spans under a year, "Oct 2023" over longer ones (so years are never lost). */
export function fmtAxisDate(date: string, spanDays: number): string {
  if (spanDays <= 330) return fmtShortDate(date);
  return parseLocalDate(date).toLocaleDateString(undefined, { month: "short", year: "numeric" });
}

/** A run's own time of day ("07:42", or "7:42 AM" by locale) from its `localStartTime`, whatever the browser's zone. */
export function fmtTimeOfDay(localTime: string): string {
  const [hours, minutes] = localTime.split(":").map(Number);
  // Formatted in UTC so the browser's zone cannot move the wall-clock time the file recorded.
  return new Date(Date.UTC(2000, 0, 1, hours ?? 0, minutes ?? 0)).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  });
}

const DAY_MS = 86_400_000;

/** The runner's day as the server last said it, in their UTC offset, and which day that was by this browser's clock. */
let runnerClock: { today: string; offsetS: number; dayThen: number } | null = null;

/** Whole days since 1970 in the runner's zone, by this browser's clock. */
function runnerDayNumber(offsetS: number): number {
  return Math.floor((Date.now() + offsetS * 1000) / DAY_MS);
}

/** Sets the runner's today as the server reckons it (GET /api/settings `today`, in `utcOffsetS`). */
export function setRunnerToday(today: string, utcOffsetS: number): void {
  runnerClock = { today, offsetS: utcOffsetS, dayThen: runnerDayNumber(utcOffsetS) };
}

/**
 * The runner's date today as YYYY-MM-DD: the server's (by the latest run's zone), moved on by every midnight of
 * the runner's that has passed since (a page left open overnight); the browser's until the server's is known.
 */
export function runnerToday(): string {
  if (runnerClock !== null) {
    const passed = runnerDayNumber(runnerClock.offsetS) - runnerClock.dayThen;
    return passed > 0 ? dayToDate(dayNumber(runnerClock.today) + passed) : runnerClock.today;
  }
  const now = new Date();
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** Whole days since 1970-01-01 for a local YYYY-MM-DD: a linear axis for date charts without a date adapter. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** Inverse of dayNumber(). */
export function dayToDate(day: number): string {
  return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}

/** A run-time axis tick: whole minutes under an hour ("45"), h:mm from there ("1:20"). */
export function fmtElapsedTick(minutes: number, longRun: boolean): string {
  const m = Math.round(minutes);
  if (!longRun) return String(m);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
}

/** A step length: "1.02 m", or "40.2 in" in miles mode. */
export function fmtStepLength(m: number): string {
  return units === "mi" ? `${(m / 0.0254).toFixed(1)} in` : `${m.toFixed(2)} m`;
}

/** Vertical oscillation: "82 mm", or "3.2 in" in miles mode. */
export function fmtOscillation(mm: number): string {
  return units === "mi" ? `${(mm / 25.4).toFixed(1)} in` : `${Math.round(mm)} mm`;
}

/** Climb: "120 m", or "394 ft" in miles mode. */
export function fmtClimb(m: number): string {
  return units === "mi" ? `${Math.round(m / 0.3048)} ft` : `${Math.round(m)} m`;
}

/** The unit a short length is shown in: "m"/"in" for steps, "mm"/"in" for oscillation. */
export function shortLengthUnit(kind: "step" | "oscillation"): string {
  if (units === "mi") return "in";
  return kind === "step" ? "m" : "mm";
}
