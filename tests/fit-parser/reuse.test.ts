import { describe, expect, it } from "vitest";
import { ColumnPool } from "../../fit-parser/decoder/columns.ts";
import { RECORD_COLUMNS } from "../../fit-parser/decoder/columns.ts";
import { decodeSegmentData } from "../../fit-parser/decoder/decode.ts";
import { encodeActivity } from "../../fit-parser/encode.ts";
import { parseFit } from "../../fit-parser/index.ts";
import { parseFitWithSdk } from "../../fit-parser/sdk-parse.ts";
import { walkSegments } from "../../fit-parser/segments.ts";
import { differences } from "./decoder-compare.ts";

// parseFit reuses its record-column buffers from one file to the next: nothing of the file before may show through.

const START = Date.UTC(2026, 2, 10, 6, 30);

/** A long run with every field: positions, altitude, heart rate and running dynamics. */
const FULL = encodeActivity({
  start: START,
  durationS: 1200,
  samples: {
    speedMps: (t) => 3 + Math.sin(t / 60),
    cadenceSpm: () => 172,
    heartRateBpm: (t) => 130 + t / 60,
    altitudeM: (t) => 100 + t / 100,
    position: (_t, d) => ({ latDeg: 45 + d / 111_000, lonDeg: 7 }),
    stepLengthM: () => 1.05,
    verticalOscillationMm: () => 82,
    verticalRatioPct: () => 7.8,
    stanceTimeMs: () => 245,
  },
});

/** A shorter run with fewer fields, and heart rate missing every 7th second (a second record layout). */
const SPARSE = encodeActivity({
  start: START + 86_400_000,
  durationS: 300,
  samples: {
    speedMps: () => 2.8,
    cadenceSpm: () => 168,
    heartRateBpm: (t) => (t % 7 === 0 ? Number.NaN : 140),
  },
});

function decodeAll(bytes: Uint8Array, pool: ColumnPool | null): Record<string, number[]> {
  const [segment] = walkSegments(bytes).segments;
  if (segment === undefined) throw new Error("no segment");
  const records = decodeSegmentData(bytes, segment, pool).records;
  return Object.fromEntries(RECORD_COLUMNS.map((name) => [name, Array.from(records[name])]));
}

describe("decodeSegmentData() with a ColumnPool", () => {
  it("decodes a file after a longer one with more fields exactly as into fresh columns", () => {
    const pool = new ColumnPool();
    const full = decodeAll(FULL, pool);
    expect(full["positionLat"]?.some((v) => !Number.isNaN(v))).toBe(true);
    const sparse = decodeAll(SPARSE, pool);
    expect(sparse).toEqual(decodeAll(SPARSE, null));
    expect(sparse["positionLat"]?.every((v) => Number.isNaN(v))).toBe(true);
    expect(sparse["heartRate"]?.filter((v) => Number.isNaN(v))).toHaveLength(43); // t = 0, 7, …, 294
  });
});

describe("parseFit() one file after another", () => {
  it("gives a file the same activities whatever it read before", () => {
    const first = parseFit(SPARSE);
    parseFit(FULL);
    const again = parseFit(SPARSE);
    expect(differences(again, first)).toEqual([]);
    expect(differences(again, parseFitWithSdk(SPARSE))).toEqual([]);
    expect(again.ok && again.activities[0]?.samples.latDeg.every((v) => Number.isNaN(v))).toBe(true);
  });
});
