import { CrcCalculator } from "@garmin/fitsdk";
import { describe, expect, it, vi } from "vitest";
import { fitCrc } from "../../fit-parser/decoder/crc.ts";
import { decodeSegmentData } from "../../fit-parser/decoder/decode.ts";
import type { RecordColumns } from "../../fit-parser/decoder/columns.ts";
import { parseFit } from "../../fit-parser/index.ts";
import { parseFitWithSdk } from "../../fit-parser/sdk-parse.ts";
import { walkSegments } from "../../fit-parser/segments.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";

// Hand-built FIT files, byte by byte, for what the corpus shows only once or not at all.

const T0 = 1_000_000_030; // FIT seconds; low 5 bits = 30, so compressed offsets roll over soon
const U8 = 0x02;
const U16 = 0x84;
const U32 = 0x86;
const S32 = 0x85;
const ENUM = 0x00;

type Field = [num: number, size: number, baseType: number];

function int(value: number, size: number, le: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
  return le ? out : out.reverse();
}

function definition(
  local: number,
  global: number,
  fields: Field[],
  le = true,
  devSizes: number[] = [],
): number[] {
  const header = 0x40 | (devSizes.length > 0 ? 0x20 : 0) | local;
  const out = [header, 0, le ? 0 : 1, ...int(global, 2, le), fields.length, ...fields.flat()];
  if (devSizes.length > 0) out.push(devSizes.length, ...devSizes.flatMap((size, i) => [i, size, 0]));
  return out;
}

function data(
  local: number,
  values: [value: number, size: number][],
  le = true,
  extra: number[] = [],
): number[] {
  return [local, ...values.flatMap(([v, size]) => int(v, size, le)), ...extra];
}

function compressed(local: number, offset: number, values: [value: number, size: number][]): number[] {
  return [0x80 | (local << 5) | offset, ...values.flatMap(([v, size]) => int(v, size, true))];
}

/** A whole FIT file: 14-byte header with CRC, the messages, the file CRC. */
function fitFile(messages: number[][]): Uint8Array {
  const body = messages.flat();
  const out = new Uint8Array(14 + body.length + 2);
  out.set([14, 0x20, ...int(2132, 2, true), ...int(body.length, 4, true), 0x2e, 0x46, 0x49, 0x54]);
  out.set(int(CrcCalculator.calculateCRC(out, 0, 12), 2, true), 12);
  out.set(body, 14);
  out.set(int(CrcCalculator.calculateCRC(out, 0, 14 + body.length), 2, true), 14 + body.length);
  return out;
}

const FILE_ID = [definition(0, 0, [[0, 1, ENUM]]), data(0, [[4, 1]])]; // type = activity

function records(bytes: Uint8Array): RecordColumns {
  const [segment] = walkSegments(bytes).segments;
  if (segment === undefined) throw new Error("no segment");
  return decodeSegmentData(bytes, segment).records;
}

describe("decodeSegmentData() on hand-built files", () => {
  it("reads compressed-timestamp headers, rolling the 5-bit offset over", () => {
    const bytes = fitFile([
      ...FILE_ID,
      definition(1, 20, [
        [253, 4, U32],
        [3, 1, U8],
      ]),
      definition(2, 20, [[3, 1, U8]]),
      data(1, [
        [T0, 4],
        [140, 1],
      ]),
      compressed(2, 31, [[141, 1]]), // T0 + 1
      compressed(2, 2, [[142, 1]]), // 2 < 31: the next 32 s window, T0 + 4
      compressed(2, 3, [[0xff, 1]]), // T0 + 5, heart rate invalid
    ]);
    const r = records(bytes);
    expect(Array.from(r.timestamp)).toEqual([T0, T0 + 1, T0 + 4, T0 + 5]);
    expect(Array.from(r.heartRate)).toEqual([140, 141, 142, Number.NaN]);
    const parsed = parseFit(bytes);
    expect(parsed.ok && Array.from(parsed.activities[0]?.samples.timeS ?? [])).toEqual([0, 1, 4, 5]);
    // The SDK refuses the same bytes.
    expect(parseFitWithSdk(bytes)).toMatchObject({ ok: false, code: "unsupported-encoding" });
  });

  it("reads big-endian definitions exactly as their little-endian twins", () => {
    const fields: Field[] = [
      [253, 4, U32],
      [5, 4, U32],
      [6, 2, U16],
      [0, 4, S32],
      [1, 4, S32],
    ];
    const build = (le: boolean): Uint8Array =>
      fitFile([
        ...FILE_ID,
        definition(1, 20, fields, le),
        ...[0, 1, 2].map((i) =>
          data(
            1,
            [
              [T0 + i, 4],
              [123_456 + 300 * i, 4],
              [3456, 2],
              [456_099_128 - i, 4],
              [2 ** 32 - 50_000_000, 4], // a negative longitude, two's complement
            ],
            le,
          ),
        ),
      ]);
    const little = records(build(true));
    const big = records(build(false));
    expect(big).toEqual(little);
    expect(Array.from(big.distance)).toEqual([1234.56, 1237.56, 1240.56]);
    expect(big.speed[0]).toBe(3.456);
    expect(big.positionLong[0]).toBe(-50_000_000);
    expect(parseFit(build(false))).toEqual(parseFitWithSdk(build(false)));
  });

  it("skips developer fields by their declared size and turns invalid sentinels into NaN", () => {
    const bytes = fitFile([
      ...FILE_ID,
      definition(
        1,
        20,
        [
          [253, 4, U32],
          [6, 2, U16],
          [5, 4, U32],
          [4, 1, U8],
          [0, 4, S32],
        ],
        true,
        [4, 2],
      ),
      data(
        1,
        [
          [T0, 4],
          [0xffff, 2],
          [0xffffffff, 4],
          [0xff, 1],
          [0x7fffffff, 4],
        ],
        true,
        [1, 2, 3, 4, 5, 6],
      ),
      data(
        1,
        [
          [T0 + 1, 4],
          [2500, 2],
          [1000, 4],
          [85, 1],
          [0, 4],
        ],
        true,
        [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      ),
    ]);
    const r = records(bytes);
    expect(r.count).toBe(2);
    expect([r.speed[0], r.distance[0], r.cadence[0], r.positionLat[0]]).toEqual([NaN, NaN, NaN, NaN]);
    expect([r.timestamp[1], r.speed[1], r.distance[1], r.cadence[1], r.positionLat[1]]).toEqual([
      T0 + 1,
      2.5,
      10,
      85,
      0,
    ]);
  });

  it("keeps the whole messages of a file cut in the middle of a record", () => {
    const whole = fitFile([
      ...FILE_ID,
      definition(1, 20, [
        [253, 4, U32],
        [3, 1, U8],
      ]),
      ...[0, 1, 2, 3].map((i) =>
        data(1, [
          [T0 + i, 4],
          [150 + i, 1],
        ]),
      ),
    ]);
    const cut = whole.subarray(0, whole.length - 2 - 3); // drop the CRC and 3 bytes of the last record
    const r = parseFit(cut);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.code)).toContain("truncated-file");
    expect(Array.from(r.activities[0]?.samples.heartRateBpm ?? [])).toEqual([150, 151, 152]);
  });

  it("refuses a data message whose local type was never defined, though the CRC is fine", () => {
    const bytes = fitFile([...FILE_ID, data(5, [[1, 1]])]);
    expect(parseFit(bytes)).toMatchObject({ ok: false, code: "unsupported-encoding" });
  });
});

describe("record readers without generated code", () => {
  it("read the same values through the loop fallback when new Function is forbidden", () => {
    // A layout no other test uses (readers are cached by layout): big-endian, fields in an odd order.
    const fields: Field[] = [
      [3, 1, U8],
      [78, 4, U32],
      [253, 4, U32],
      [73, 4, U32],
      [53, 1, U8],
      [4, 1, U8],
    ];
    const bytes = fitFile([
      ...FILE_ID,
      definition(3, 20, fields, false),
      ...[0, 1].map((i) =>
        data(
          3,
          [
            [150 + i, 1],
            [2600 + i, 4],
            [T0 + i, 4],
            [3210 + i, 4],
            [64, 1],
            [i === 0 ? 0xff : 85, 1],
          ],
          false,
        ),
      ),
    ]);
    vi.stubGlobal("Function", () => {
      throw new EvalError("Code generation from strings disallowed");
    });
    try {
      const r = records(bytes);
      expect(Array.from(r.timestamp)).toEqual([T0, T0 + 1]);
      expect(Array.from(r.heartRate)).toEqual([150, 151]);
      expect(Array.from(r.altitude)).toEqual([2600 / 5 - 500, 2601 / 5 - 500]);
      expect(Array.from(r.speed)).toEqual([3.21, 3.211]);
      expect(Array.from(r.fractionalCadence)).toEqual([0.5, 0.5]);
      expect(Array.from(r.cadence)).toEqual([Number.NaN, 85]);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(parseFit(bytes)).toEqual(parseFitWithSdk(bytes));
  });
});

describe("fitCrc()", () => {
  it("equals the SDK's CrcCalculator on every corpus file and on odd ranges", () => {
    for (const name of corpusFiles()) {
      const bytes = readCorpusFile(name);
      expect(fitCrc(bytes, 0, bytes.length), name).toBe(CrcCalculator.calculateCRC(bytes, 0, bytes.length));
      const mid = bytes.length >> 1;
      expect(fitCrc(bytes, 3, mid)).toBe(CrcCalculator.calculateCRC(bytes, 3, mid));
    }
  });

  it("equals it on every short range, whole 16-byte blocks and leftover bytes, in an unaligned view", () => {
    const bytes = readCorpusFile("elevate__bloemendaal.fit").subarray(1, 200);
    for (let start = 0; start < 20; start++) {
      for (let end = start; end <= start + 50; end++) {
        expect(fitCrc(bytes, start, end), `${start}..${end}`).toBe(
          CrcCalculator.calculateCRC(bytes, start, end),
        );
      }
    }
  });
});
