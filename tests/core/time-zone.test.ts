import { describe, expect, it } from "vitest";
import { localClock } from "../../server/core/date-fix.ts";
import { nearestOffset } from "../../server/core/time-zone.ts";

const localDateAt = (startUtc: string, offsetS: number): string => localClock(startUtc, offsetS).localDate;

describe("localClock() dates a run in its offset", () => {
  it("dates an evening run in the Americas on its own day, not UTC's next one", () => {
    expect(localDateAt("2020-03-05T01:30:00.000Z", -7 * 3600)).toBe("2020-03-04");
    expect(localDateAt("2020-03-05T01:30:00.000Z", 0)).toBe("2020-03-05");
  });

  it("moves an afternoon run in UTC to the next day in UTC+10", () => {
    expect(localDateAt("2020-03-04T16:14:31.000Z", 10 * 3600)).toBe("2020-03-05");
  });
});

describe("nearestOffset()", () => {
  const before = { startUtc: "2020-03-01T08:00:00.000Z", utcOffsetS: 3600 };
  const after = { startUtc: "2020-03-10T08:00:00.000Z", utcOffsetS: -25_200 };

  it("takes the run nearer in time", () => {
    expect(nearestOffset("2020-03-03T08:00:00.000Z", before, after)).toBe(3600);
    expect(nearestOffset("2020-03-08T08:00:00.000Z", before, after)).toBe(-25_200);
  });

  it("takes the one there is when there is only one, and none when there is none", () => {
    expect(nearestOffset("2020-03-08T08:00:00.000Z", before, null)).toBe(3600);
    expect(nearestOffset("2020-03-03T08:00:00.000Z", null, after)).toBe(-25_200);
    expect(nearestOffset("2020-03-03T08:00:00.000Z", null, null)).toBeNull();
  });
});
