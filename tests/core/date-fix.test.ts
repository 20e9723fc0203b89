import { describe, expect, it } from "vitest";
import { dateMove, fileClock, localClock } from "../../server/core/date-fix.ts";

const today = "2026-12-05";
// A watch whose clock was never set: 18 July 1990, 09:00 local at UTC+2.
const fresh = { startUtc: "1990-07-18T07:00:13.000Z", utcOffsetS: 7200, dateShiftS: 0 };

describe("dateMove()", () => {
  it("sets the right local date and time, read in the run's own time zone", () => {
    expect(dateMove({ action: "set", localDate: "2025-07-18", localTime: "06:30" }, fresh, today)).toEqual({
      ok: true,
      shiftS: (Date.parse("2025-07-18T04:30:00Z") - Date.parse(fresh.startUtc)) / 1000,
      localDate: "2025-07-18",
      startUtc: "2025-07-18T04:30:00.000Z",
    });
  });

  it("keeps the file's time of day when only the date is given", () => {
    const move = dateMove({ action: "set", localDate: "2024-02-29" }, fresh, today);
    expect(move).toMatchObject({ ok: true, localDate: "2024-02-29", startUtc: "2024-02-29T07:00:13.000Z" });
  });

  it("shifts by how far the clock was off, in calendar years then days and hours", () => {
    const move = dateMove({ action: "offset", years: 35, days: 2, hours: -1, minutes: 0 }, fresh, today);
    expect(move).toMatchObject({ ok: true, localDate: "2025-07-20", startUtc: "2025-07-20T06:00:13.000Z" });
  });

  it("measures every move from the file's date, so repeating a fix does not move the run twice", () => {
    const first = dateMove({ action: "offset", years: 35, days: 0, hours: 0, minutes: 0 }, fresh, today);
    if (!first.ok) throw new Error(first.message);
    const moved = { startUtc: first.startUtc, utcOffsetS: 7200, dateShiftS: first.shiftS };
    const again = dateMove({ action: "offset", years: 35, days: 0, hours: 0, minutes: 0 }, moved, today);
    expect(again).toEqual(first);
    expect(dateMove({ action: "undo" }, moved, today)).toMatchObject({
      ok: true,
      shiftS: 0,
      localDate: "1990-07-18",
      startUtc: fresh.startUtc,
    });
  });

  it("refuses a fix that still lands before 2000 or after tomorrow, saying where it would land", () => {
    const early = dateMove({ action: "offset", years: 5, days: 0, hours: 0, minutes: 0 }, fresh, today);
    expect(early).toEqual({ ok: false, message: expect.stringMatching(/1995-07-18, before 2000/) });
    const late = dateMove({ action: "set", localDate: "2026-12-07" }, fresh, today);
    expect(late).toEqual({ ok: false, message: expect.stringMatching(/2026-12-07, after tomorrow/) });
    expect(dateMove({ action: "set", localDate: "2026-12-06" }, fresh, today).ok).toBe(true);
  });

  it("reads a run with no UTC offset in UTC, as the file's local date was", () => {
    const utc = { startUtc: "1989-12-31T23:30:00.000Z", utcOffsetS: null, dateShiftS: 0 };
    expect(
      dateMove({ action: "set", localDate: "2023-01-01", localTime: "23:30" }, utc, today),
    ).toMatchObject({
      ok: true,
      localDate: "2023-01-01",
      startUtc: "2023-01-01T23:30:00.000Z",
    });
  });
});

describe("fileClock()", () => {
  it("reads where the file put a moved run, on the run's own wall clock", () => {
    const move = dateMove({ action: "set", localDate: "2025-07-18", localTime: "23:30" }, fresh, today);
    if (!move.ok) throw new Error(move.message);
    const moved = { startUtc: move.startUtc, utcOffsetS: 7200, dateShiftS: move.shiftS };
    expect(localClock(moved.startUtc, moved.utcOffsetS)).toEqual({
      localDate: "2025-07-18",
      localTime: "23:30",
    });
    expect(fileClock(moved)).toEqual({ localDate: "1990-07-18", localTime: "09:00" });
  });
});
