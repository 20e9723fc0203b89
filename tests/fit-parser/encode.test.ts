import { describe, expect, it } from "vitest";
import { encodeActivity } from "../../fit-parser/encode.ts";
import type { EncodeSpec } from "../../fit-parser/encode.ts";
import { parseFit } from "../../fit-parser/index.ts";
import type { Activity } from "../../fit-parser/types.ts";

function parseOne(spec: EncodeSpec): Activity {
  const r = parseFit(encodeActivity(spec));
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  expect(r.warnings).toEqual([]);
  expect(r.activities).toHaveLength(1);
  const a = r.activities[0];
  if (a === undefined) throw new Error("no activity");
  return a;
}

const EVENING_UTC = Date.UTC(2026, 2, 10, 23, 15, 0);

describe("encodeActivity() → parseFit()", () => {
  it("gives back distance, cadence in steps/min, laps, offset and running dynamics", () => {
    const a = parseOne({
      start: EVENING_UTC,
      durationS: 1800,
      utcOffsetS: 3600,
      device: { manufacturer: "garmin", product: 3113, serialNumber: 1234 },
      samples: {
        speedMps: () => 3,
        cadenceSpm: (t) => (t < 3 ? 0 : 172.5),
        heartRateBpm: () => 148,
        stepLengthM: () => 1.05,
        verticalOscillationMm: () => 82,
        verticalRatioPct: () => 7.8,
        stanceTimeMs: () => 245,
      },
    });
    expect(a.sport).toBe("running");
    expect(a.startUtc).toBe("2026-03-10T23:15:00.000Z");
    expect(a.utcOffsetS).toBe(3600);
    expect(a.localDate).toBe("2026-03-11");
    expect(a.distanceM).toBeCloseTo(5400, 3);
    expect(a.timerS).toBe(1800);
    expect(a.samples.count).toBe(1801);
    expect(a.samples.distanceM[1800]).toBeCloseTo(5400, 3);
    expect(a.avgCadenceSpm).toBeCloseTo(172.5, 1);
    expect(a.samples.cadenceSpm[0]).toBe(0);
    expect(a.samples.cadenceSpm[100]).toBeCloseTo(172.5, 1);
    expect(a.avgHeartRateBpm).toBe(148);
    expect(a.avgStepLengthM).toBeCloseTo(1.05, 3);
    expect(a.samples.stepLengthM[100]).toBeCloseTo(1.05, 3);
    expect(a.avgVerticalOscillationMm).toBeCloseTo(82, 1);
    expect(a.avgVerticalRatioPct).toBeCloseTo(7.8, 2);
    expect(a.avgStanceTimeMs).toBeCloseTo(245, 1);
    expect(a.hasRunningDynamics).toBe(true);
    expect(a.laps).toHaveLength(6);
    expect(a.laps[0]?.distanceM).toBeCloseTo(1002, 0);
    expect(a.device).toEqual({ manufacturer: "garmin", product: "fr945", serialNumber: 1234 });
    expect(a.samples.latDeg.every(Number.isNaN)).toBe(true);
  });

  it("puts a run that starts in the evening west of UTC on the previous local day", () => {
    const a = parseOne({
      start: Date.UTC(2026, 2, 11, 2, 0),
      durationS: 600,
      utcOffsetS: -5 * 3600,
      samples: { speedMps: [3] },
    });
    expect(a.utcOffsetS).toBe(-18000);
    expect(a.localDate).toBe("2026-03-10");
  });

  it("leaves the offset unknown (and the date in UTC) when local time is not written", () => {
    const a = parseOne({ start: EVENING_UTC, durationS: 60, samples: { speedMps: () => 3 } });
    expect(a.utcOffsetS).toBeNull();
    expect(a.localDate).toBe("2026-03-10");
  });

  it("writes a GPS track that comes back in degrees", () => {
    const a = parseOne({
      start: EVENING_UTC,
      durationS: 120,
      samples: { speedMps: () => 2.5, position: (_t, d) => ({ latDeg: -33.9 + d / 111_000, lonDeg: 151.2 }) },
    });
    expect(a.samples.latDeg[0]).toBeCloseTo(-33.9, 6);
    expect(a.samples.latDeg[120]).toBeCloseTo(-33.9 + 300 / 111_000, 6);
    expect(a.samples.lonDeg[60]).toBeCloseTo(151.2, 6);
  });

  it("keeps a cycling file's cadence out of steps per minute", () => {
    const a = parseOne({
      start: EVENING_UTC,
      durationS: 300,
      sport: "cycling",
      samples: { speedMps: () => 8, cadenceSpm: () => 180 },
    });
    expect(a.sport).toBe("cycling");
    expect(a.avgCadenceSpm).toBeNull();
    expect(a.samples.cadenceSpm.every(Number.isNaN)).toBe(true);
  });

  it("leaves NaN where a series has no value and never writes it as a number", () => {
    const a = parseOne({
      start: EVENING_UTC,
      durationS: 10,
      samples: { speedMps: () => 3, heartRateBpm: (t) => (t % 2 === 0 ? 150 : Number.NaN) },
    });
    expect(a.samples.heartRateBpm[0]).toBe(150);
    expect(a.samples.heartRateBpm[1]).toBeNaN();
    expect(a.avgCadenceSpm).toBeNull();
  });
});

describe("encodeActivity({ recordIntervalS })", () => {
  it("writes a record every few seconds and still ends on the last second", () => {
    const a = parseOne({
      start: EVENING_UTC,
      durationS: 1001,
      recordIntervalS: 5,
      samples: { speedMps: () => 3 },
    });
    expect(a.samples.count).toBe(202);
    expect(a.samples.timeS[1]).toBe(5);
    expect(a.samples.timeS[201]).toBe(1001);
    expect(a.distanceM).toBeCloseTo(3003, 3);
  });
});

describe("parseFit() cadence sanity rule on encoded files", () => {
  it("does not double a cadence field that already holds steps per minute", () => {
    // Asking for 340 "spm" writes 170 in the strides field: what a writer that stores steps/min produces.
    const a = parseOne({
      start: EVENING_UTC,
      durationS: 300,
      samples: { speedMps: () => 3, cadenceSpm: () => 340 },
    });
    expect(a.samples.cadenceSpm[100]).toBe(170);
    expect(a.avgCadenceSpm).toBe(170);
  });
});
