import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodeActivity } from "../../fit-parser/encode.ts";
import { parseFit } from "../../fit-parser/index.ts";
import type { ParseResult } from "../../fit-parser/types.ts";
import {
  compressedFlood,
  highRate,
  implausibleSession,
  longSpan,
  manySessions,
} from "../reliability/crafted.ts";
import { describeExtended, extendedOnlyFiles, fixtureFiles, readCorpusFile } from "../support/corpus.ts";
import { hostileSamples } from "./hostile-samples.ts";

/**
 * A digest of everything parseFit gives, typed arrays byte for byte. The differential tests compare our decoder
 * with the SDK's through the same activity builder; this pins the builder's output too, so a speed-up that
 * changes any value fails here. After an intended change: `npx vitest run tests/fit-parser/golden.test.ts -u`,
 * and say in the commit what changed.
 */
function digest(result: ParseResult): string {
  const hash = createHash("sha256");
  const json = JSON.stringify(result, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
    }
    return typeof v === "number" && !Number.isFinite(v) ? String(v) : v;
  });
  return hash.update(json).digest("hex").slice(0, 16);
}

function digests(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, digest(parseFit(readCorpusFile(name)))]));
}

describe("parseFit() output", () => {
  it("is unchanged on every vendored file", () => {
    expect(digests(fixtureFiles())).toMatchSnapshot();
  });

  it("is unchanged on a generated run with every column and a pause", () => {
    const bytes = encodeActivity({
      start: new Date("2025-05-04T07:00:00.000Z"),
      durationS: 1800,
      utcOffsetS: 3600,
      sport: "running",
      device: { manufacturer: "garmin", serialNumber: 3_900_000_001 },
      samples: {
        speedMps: (t) => (t > 600 && t < 660 ? 0 : 2.8 + 0.4 * Math.sin(t / 90)),
        cadenceSpm: (t) => 166 + 6 * Math.sin(t / 120),
        heartRateBpm: (t) => 130 + t / 60,
        altitudeM: (t) => 40 + 10 * Math.sin(t / 300),
        position: (_t, d) => ({ latDeg: 51.5 + d / 111_000, lonDeg: -0.12 }),
        stepLengthM: (t) => 1.0 + 0.05 * Math.sin(t / 200),
        verticalOscillationMm: () => 82,
        verticalRatioPct: () => 7.9,
        stanceTimeMs: (t) => 250 + (t % 7),
      },
    });
    expect(digest(parseFit(bytes))).toMatchSnapshot();
  });

  it("is unchanged on crafted files: values out of every range, records out of order, the caps' attacks", () => {
    const crafted: Record<string, Uint8Array> = {
      "hostile samples": hostileSamples({ session: false, shuffled: false }),
      "hostile samples, shuffled": hostileSamples({ session: false, shuffled: true }),
      "hostile samples, running session": hostileSamples({ session: true, shuffled: false }),
      "hostile samples, running session, shuffled": hostileSamples({ session: true, shuffled: true }),
      "implausible session": implausibleSession(),
      "compressed flood": compressedFlood(5_000),
      "a month-long span": longSpan(30),
      "20 samples a second": highRate(20_000, 1_000),
      "50 sessions": manySessions(50, 3_000),
    };
    const out = Object.fromEntries(Object.entries(crafted).map(([k, bytes]) => [k, digest(parseFit(bytes))]));
    expect(out).toMatchSnapshot();
  });
});

describeExtended("parseFit() output on the extended corpus", () => {
  it("is unchanged on every file that is not vendored (GPL/AGPL)", () => {
    const names = extendedOnlyFiles();
    expect(names.length).toBeGreaterThan(0);
    expect(digests(names)).toMatchSnapshot();
  });
});
