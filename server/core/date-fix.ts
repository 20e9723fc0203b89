import { isDateSuspect } from "./plausible.ts";

// Fixing a run's date: the runner says where it belongs, this works out the move from where its file puts it.

/** What the runner says about a run's date. */
export type DateFix =
  | { action: "confirm" }
  | { action: "undo" }
  /** The right local date, and the time of day (the file's is kept when absent). */
  | { action: "set"; localDate: string; localTime?: string | undefined }
  /** The watch's clock was this far off: added to the file's date (negative when the clock ran ahead). */
  | { action: "offset"; years: number; days: number; hours: number; minutes: number };

/** A stored run's dates: where it is now, its UTC offset, and how far the runner has moved it already. */
export interface DatedRun {
  startUtc: string;
  utcOffsetS: number | null;
  dateShiftS: number;
}

export type DateMove =
  { ok: true; shiftS: number; localDate: string; startUtc: string } | { ok: false; message: string };

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The move (seconds from the file's start) that puts the run where the runner says; refused when it would
 * still land before 2000 or after tomorrow, since that is what made the date doubtful. Undo goes back to the
 * file's date whatever it is. Local times are read in the run's own UTC offset, as the file records them.
 */
export function dateMove(
  fix: Exclude<DateFix, { action: "confirm" }>,
  run: DatedRun,
  today: string,
): DateMove {
  const offsetMs = (run.utcOffsetS ?? 0) * 1000;
  const fileStartMs = Date.parse(run.startUtc) - run.dateShiftS * 1000;
  const fileLocalMs = fileStartMs + offsetMs;
  let targetLocalMs: number;
  switch (fix.action) {
    case "undo":
      targetLocalMs = fileLocalMs;
      break;
    case "set": {
      const time = fix.localTime ?? iso(fileLocalMs).slice(11, 19);
      targetLocalMs = Date.parse(`${fix.localDate}T${time.length === 5 ? `${time}:00` : time}Z`);
      break;
    }
    case "offset": {
      const d = new Date(fileLocalMs);
      d.setUTCFullYear(d.getUTCFullYear() + fix.years);
      targetLocalMs = d.getTime() + ((fix.days * 24 + fix.hours) * 60 + fix.minutes) * 60_000;
      break;
    }
  }
  if (!Number.isFinite(targetLocalMs)) return { ok: false, message: "That is not a date and time." };
  const shiftS = Math.round((targetLocalMs - fileLocalMs) / 1000);
  const localDate = iso(fileLocalMs + shiftS * 1000).slice(0, 10);
  if (fix.action !== "undo" && isDateSuspect(localDate, today)) {
    return {
      ok: false,
      message: `That puts the run on ${localDate}, ${localDate < today ? "before 2000" : "after tomorrow"}: give a date from 2000 up to today, or confirm the date as it is.`,
    };
  }
  return { ok: true, shiftS, localDate, startUtc: iso(fileStartMs + shiftS * 1000) };
}

/** A UTC instant on the run's own wall clock: its local date and "HH:MM" start. */
export function localClock(
  startUtc: string,
  utcOffsetS: number | null,
): { localDate: string; localTime: string } {
  const local = iso(Date.parse(startUtc) + (utcOffsetS ?? 0) * 1000);
  return { localDate: local.slice(0, 10), localTime: local.slice(11, 16) };
}

/** Where the run's file puts it, before any date fix, on its own wall clock. */
export function fileClock(run: DatedRun): { localDate: string; localTime: string } {
  return localClock(iso(Date.parse(run.startUtc) - run.dateShiftS * 1000), run.utcOffsetS);
}
