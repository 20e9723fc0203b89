import { describe, expect, it } from "vitest";
import { ALL_MAY_STRAY, COL } from "../../fit-parser/decoder/columns.ts";
import type { RecordColumns } from "../../fit-parser/decoder/columns.ts";
import { decodeSegmentData } from "../../fit-parser/decoder/decode.ts";
import { encodeActivity } from "../../fit-parser/encode.ts";
import { PLAUSIBLE } from "../../fit-parser/plausible.ts";
import { buildSamples, orderRecords } from "../../fit-parser/samples.ts";
import { walkSegments } from "../../fit-parser/segments.ts";
import type { Samples } from "../../fit-parser/types.ts";
import { hostileSamples } from "./hostile-samples.ts";

// The samples are checked against PLAUSIBLE while they are built, and columns the decoder saw stay in range are
// copied without a look: both shortcuts must give what a plain check of every stored value gives.

function records(bytes: Uint8Array): RecordColumns {
  const [segment] = walkSegments(bytes).segments;
  if (segment === undefined) throw new Error("no segment");
  return decodeSegmentData(bytes, segment).records;
}

function build(r: RecordColumns): ReturnType<typeof buildSamples> {
  return buildSamples(r, orderRecords(r), { startMs: 0, footSport: true, rebaseDistance: false });
}

/** Stored values outside their range, counted one by one (NaN is no reading). */
function outsideByHand(s: Samples): number {
  const P = PLAUSIBLE;
  const checks: [ArrayLike<number>, readonly [number, number]][] = [
    [s.distanceM, P.distanceM],
    [s.speedMps, P.speedMps],
    [s.heartRateBpm, P.heartRateSampleBpm],
    [s.cadenceSpm, P.cadenceSpm],
    [s.altitudeM, P.altitudeM],
    [s.stepLengthM, P.stepLengthM],
    [s.verticalOscillationMm, P.verticalOscillationMm],
    [s.verticalRatioPct, P.verticalRatioPct],
    [s.stanceTimeMs, P.stanceTimeMs],
  ];
  let n = 0;
  for (const [col, [lo, hi]] of checks) {
    for (let i = 0; i < col.length; i++) {
      const v = col[i] as number;
      if (!Number.isNaN(v) && !(v >= lo && v <= hi)) n++;
    }
  }
  return n;
}

const CLEAN = encodeActivity({
  start: Date.UTC(2026, 0, 5, 7),
  durationS: 900,
  samples: {
    speedMps: (t) => 3 + Math.sin(t / 50),
    cadenceSpm: () => 170,
    heartRateBpm: (t) => 120 + t / 30,
    altitudeM: (t) => 20 + t / 100,
    stepLengthM: () => 1.1,
    verticalOscillationMm: () => 80,
    verticalRatioPct: () => 7.5,
    stanceTimeMs: () => 240,
  },
});

describe("buildSamples() and the decoder's stray marks", () => {
  it("counts, as it builds, exactly the stored values outside their plausible range", () => {
    for (const session of [false, true]) {
      for (const shuffled of [false, true]) {
        const built = build(records(hostileSamples({ session, shuffled })));
        expect(built.implausible).toBeGreaterThan(0);
        expect(built.implausible).toBe(outsideByHand(built.samples));
      }
    }
  });

  it("marks the columns that hold a stray value, and no column of a clean run", () => {
    const hostile = records(hostileSamples({ session: false, shuffled: false }));
    for (const c of ["speed", "altitude", "heartRate", "verticalOscillation", "stanceTime"] as const) {
      expect(hostile.mayStray & (1 << COL[c])).not.toBe(0);
    }
    expect(records(CLEAN).mayStray).toBe(0);
    expect(build(records(CLEAN)).implausible).toBe(0);
  });

  it("copies an unmarked column to exactly what the checking loop stores", () => {
    for (const bytes of [CLEAN, hostileSamples({ session: true, shuffled: false })]) {
      const r = records(bytes);
      const fast = build(r).samples;
      const checked = build({ ...r, mayStray: ALL_MAY_STRAY }).samples;
      for (const key of Object.keys(fast) as (keyof Samples)[]) {
        const a = fast[key];
        const b = checked[key];
        expect(typeof a === "number" ? a : Array.from(a), key).toEqual(
          typeof b === "number" ? b : Array.from(b),
        );
      }
    }
  });
});
