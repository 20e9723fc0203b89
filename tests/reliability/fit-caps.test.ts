import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { heldReaders } from "../../fit-parser/decoder/records.ts";
import { parseFit } from "../../fit-parser/index.ts";
import { FIT_LIMITS } from "../../fit-parser/limits.ts";
import { compressedFlood, highRate, longSpan, manyLaps, manyLayouts, manySessions } from "./crafted.ts";

// Issue 15's crafted FIT files, generated: each is refused by a named cap, fast, in bounded memory.

function rejected(bytes: Uint8Array): { code: string; message: string; ms: number } {
  const t0 = performance.now();
  const r = parseFit(bytes);
  const ms = performance.now() - t0;
  if (r.ok) throw new Error(`parsed ${r.activities.length} activities`);
  return { code: r.code, message: r.message, ms };
}

describe("parseFit() against crafted files", () => {
  it("refuses a file of 20,400 distinct record layouts and keeps at most 256 compiled readers", () => {
    const bytes = manyLayouts(20_400);
    const r = rejected(bytes);
    expect(r.code).toBe("too-many-definitions");
    expect(r.message).toMatch(/1,000 different message layouts/);
    expect(heldReaders()).toBeLessThanOrEqual(256);
    // The same file again compiles no more than the cap either.
    rejected(manyLayouts(20_400));
    expect(heldReaders()).toBeLessThanOrEqual(256);
  });

  it("still reads a file of 900 layouts (under the cap)", () => {
    const r = parseFit(manyLayouts(900));
    expect(r.ok).toBe(true);
    expect(heldReaders()).toBeLessThanOrEqual(256);
  });

  it("refuses 2 million one-byte compressed-timestamp records (a 4 KB .fit.gz) in well under a second", () => {
    const bytes = compressedFlood(2_000_000);
    expect(gzipSync(bytes).byteLength).toBeLessThan(64 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const r = rejected(bytes);
    expect(r.code).toBe("too-many-records");
    expect(r.message).toMatch(/500,000 samples/);
    expect(r.ms).toBeLessThan(2_000);
    // The columns are capped at maxRecords rows: not 2 million (or 52 million) of them.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 ** 2);
  });

  it("refuses a 'run' whose samples span 30 days", () => {
    expect(rejected(longSpan(30)).code).toBe("implausible-duration");
  });

  it("refuses 20,000 samples crammed into 100 seconds", () => {
    expect(rejected(highRate(20_000, 100)).code).toBe("implausible-sample-rate");
  });

  it("reads a short 4 Hz burst (under the sustained-rate bound)", () => {
    expect(parseFit(highRate(2_000, 500)).ok).toBe(true);
  });

  it("refuses 20,000 sessions over 100,000 records at once (each session scanned every record)", () => {
    const r = rejected(manySessions(20_000, 100_000));
    expect(r.code).toBe("too-many-sessions");
    expect(r.ms).toBeLessThan(2_000);
  });

  it("reads 150 sessions over 100,000 records (under the cap) in bounded time", () => {
    const t0 = performance.now();
    expect(parseFit(manySessions(150, 100_000)).ok).toBe(true);
    expect(performance.now() - t0).toBeLessThan(3_000);
  });

  it(`refuses more than ${FIT_LIMITS.maxMessages.toLocaleString("en-US")} laps`, () => {
    expect(rejected(manyLaps(FIT_LIMITS.maxMessages + 10)).code).toBe("too-many-messages");
  });
});
