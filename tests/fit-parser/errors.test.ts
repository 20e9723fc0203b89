import { Encoder, Profile } from "@garmin/fitsdk";
import type { Encodable, Mesg } from "@garmin/fitsdk";
import { describe, expect, it } from "vitest";
import { encodeActivity } from "../../fit-parser/encode.ts";
import { parseFit } from "../../fit-parser/index.ts";
import { PARSE_ERROR_CODES, type ParseErrorCode, type ParseResult } from "../../fit-parser/types.ts";

const GOOD = encodeActivity({
  start: Date.UTC(2026, 0, 4, 9, 0),
  durationS: 600,
  utcOffsetS: 0,
  samples: { speedMps: () => 3, cadenceSpm: () => 170, heartRateBpm: () => 140 },
});

/** A small deterministic PRNG so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file_id message of the given file type, and nothing else. */
function fileIdOnly(type: string): Encodable<Mesg> {
  const mesg = { mesgNum: Profile.MesgNum.FILE_ID ?? 0, type, manufacturer: "garmin", product: 1 };
  return mesg;
}

function expectCode(r: ParseResult, code: ParseErrorCode): void {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.code).toBe(code);
}

describe("parseFit() on damaged and foreign input", () => {
  it("rejects an empty file", () => {
    expectCode(parseFit(new Uint8Array(0)), "empty-file");
  });

  it("rejects bytes that are not FIT, never throwing", () => {
    const rand = mulberry32(7);
    for (let n = 0; n < 50; n++) {
      const bytes = new Uint8Array(1 + Math.floor(rand() * 400)).map(() => Math.floor(rand() * 256));
      const r = parseFit(bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(PARSE_ERROR_CODES).toContain(r.code);
    }
    expectCode(parseFit(new TextEncoder().encode("Mac OS X        ATTR")), "not-a-fit-file");
  });

  it("rejects a flipped data byte as corrupt (the CRC no longer matches)", () => {
    const bytes = GOOD.slice();
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x10;
    expectCode(parseFit(bytes), "corrupt-file");
  });

  it("rejects a header whose own CRC does not match", () => {
    const bytes = GOOD.slice();
    bytes[1] = (bytes[1] ?? 0) ^ 0x01;
    expectCode(parseFit(bytes), "corrupt-file");
  });

  it("never throws on any single flipped byte in the first 200", () => {
    for (let at = 0; at < 200; at++) {
      const bytes = GOOD.slice();
      bytes[at] = (bytes[at] ?? 0) ^ 0xff;
      const r = parseFit(bytes);
      if (!r.ok) expect(PARSE_ERROR_CODES).toContain(r.code);
    }
  });

  it("salvages a file cut after whole messages, with a truncated-file warning and fewer samples", () => {
    const whole = parseFit(GOOD);
    expect(whole.ok).toBe(true);
    for (const cut of [0.3, 0.5, 0.9]) {
      const r = parseFit(GOOD.subarray(0, Math.floor(GOOD.length * cut)));
      expect(r.ok, `cut at ${cut}`).toBe(true);
      if (!r.ok) continue;
      expect(r.warnings.map((w) => w.code)).toContain("truncated-file");
      const a = r.activities[0];
      expect(a?.samples.count).toBeGreaterThan(100);
      expect(a?.samples.count).toBeLessThan(601);
      expect(a?.avgCadenceSpm).toBeCloseTo(170, 0);
    }
  });

  it("gives a code, not a throw, when a file is cut inside its header or first messages", () => {
    for (const len of [1, 5, 11, 12, 13, 14, 20, 40]) {
      const r = parseFit(GOOD.subarray(0, len));
      expect(r.ok, `cut at ${len}`).toBe(false);
      if (!r.ok)
        expect(["not-a-fit-file", "truncated-file", "corrupt-file", "no-running-data"]).toContain(r.code);
    }
  });

  it("rejects a settings file as not an activity", () => {
    const enc = new Encoder();
    enc.writeMesg(fileIdOnly("settings"));
    expectCode(parseFit(enc.close()), "not-an-activity");
  });

  it("rejects an activity file with no session and no records as holding no running data", () => {
    const enc = new Encoder();
    enc.writeMesg(fileIdOnly("activity"));
    expectCode(parseFit(enc.close()), "no-running-data");
  });

  it("reads a chained file (two runs back to back) as two activities", () => {
    const second = encodeActivity({
      start: Date.UTC(2026, 0, 5, 9, 0),
      durationS: 300,
      utcOffsetS: 3600,
      samples: { speedMps: () => 2.5 },
    });
    const chained = new Uint8Array(GOOD.length + second.length);
    chained.set(GOOD);
    chained.set(second, GOOD.length);
    const r = parseFit(chained);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.activities.map((a) => a.localDate)).toEqual(["2026-01-04", "2026-01-05"]);
    expect(r.activities[1]?.distanceM).toBeCloseTo(750, 3);
  });

  it("rejects a chained file whose second part has a bad CRC, though the first part is fine", () => {
    const chained = new Uint8Array(GOOD.length * 2);
    chained.set(GOOD);
    chained.set(GOOD, GOOD.length);
    const last = chained.length - 1;
    chained[last] = (chained[last] ?? 0) ^ 0xff;
    expectCode(parseFit(chained), "corrupt-file");
  });

  it("ignores zero padding after the last segment, with a warning", () => {
    const padded = new Uint8Array(GOOD.length + 64);
    padded.set(GOOD);
    const r = parseFit(padded);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => w.code)).toEqual(["padding"]);
  });

  it("rejects a file whose header promises no data but is followed by messages (never finalised)", () => {
    const bytes = GOOD.slice();
    new DataView(bytes.buffer).setUint32(4, 0, true);
    new DataView(bytes.buffer).setUint16(12, 0, true);
    expectCode(parseFit(bytes), "truncated-file");
  });
});
