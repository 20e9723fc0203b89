import { describe, expect, it } from "vitest";
import { addDays, dateOfDay, dayNumber, instantMs, weekStart } from "../../server/core/dates.ts";
import { seededRandom } from "../../server/core/random.ts";

/** The first implementations (substrings and Number(); padStart), which the fast paths must match exactly. */
function sliceDayNumber(date: string): number {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function paddedDateOfDay(day: number): string {
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
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

describe("dayNumber() and dateOfDay()", () => {
  it("agree with Date.UTC over years 0001–9999 and round-trip", () => {
    for (let day = dayNumber("0001-01-01"); day <= dayNumber("9999-12-31"); day += 97) {
      const date = dateOfDay(day);
      expect(dayNumber(date)).toBe(day);
      expect(Date.parse(`${date}T00:00:00Z`) / 86_400_000).toBe(day);
    }
  });

  it("give exactly what the substring and padStart versions give, odd input included", () => {
    const odd = [
      "",
      "2026",
      "2026-05",
      "2026-5-1",
      "2026-05-1",
      "20x6-05-12",
      "2026-05-12T07:00:00Z",
      "2026/05/12",
    ];
    odd.push(
      "-001-01-01",
      " 2026-05-12",
      "2026-.5-01",
      "2026-1.-05",
      "0000-00-00",
      "9999-99-99",
      "abcd-ef-gh",
    );
    for (const date of odd) expect(Object.is(dayNumber(date), sliceDayNumber(date))).toBe(true);
    const random = seededRandom(5);
    const days = [Number.NaN, -0, 0.5, -719_468, -800_000, 2_932_897, 3_000_000, 1e7];
    for (let i = 0; i < 2000; i++) days.push(Math.floor((random() - 0.5) * 6_000_000));
    for (const day of days) expect(dateOfDay(day)).toBe(paddedDateOfDay(day));
  });

  it("addDays() and weekStart() step over month, year and leap-day edges", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(weekStart("2026-11-26")).toBe("2026-11-23");
  });
});

describe("instantMs()", () => {
  it("gives exactly what Date.parse gives, on random and odd instants", () => {
    const random = seededRandom(9);
    const two = (n: number): string => String(n).padStart(2, "0");
    const odd = ["", "2026-05-12", "2026-05-12T06:30:00Z", "2026-05-12T06:30:00.000+01:00", "not a date"];
    odd.push("2026-02-30T00:00:00.000Z", "2026-01-32T00:00:00.000Z", "2026-01-01T24:00:00.000Z");
    odd.push(
      "2026-01-01T23:59:60.000Z",
      "2026-13-01T00:00:00.000Z",
      "0000-01-01T00:00:00.000Z",
      "2026-0a-01T00:00:00.000Z",
    );
    for (const iso of odd) expect(Object.is(instantMs(iso), Date.parse(iso))).toBe(true);
    for (let i = 0; i < 5000; i++) {
      const ms = Math.floor((random() - 0.3) * 4e13);
      expect(instantMs(new Date(ms).toISOString())).toBe(ms);
      // Field values out of range (month 0–13, day 0–32, hour 0–25, minute and second 0–61).
      const iso = `${String(Math.floor(random() * 10_000)).padStart(4, "0")}-${two(Math.floor(random() * 14))}-${two(Math.floor(random() * 33))}T${two(Math.floor(random() * 26))}:${two(Math.floor(random() * 62))}:${two(Math.floor(random() * 62))}.${String(Math.floor(random() * 1000)).padStart(3, "0")}Z`;
      expect(Object.is(instantMs(iso), Date.parse(iso))).toBe(true);
    }
  });
});
