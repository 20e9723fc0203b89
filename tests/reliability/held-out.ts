import { CrcCalculator } from "@garmin/fitsdk";
import { FitBytes, T2024 } from "./crafted.ts";

// More crafted FIT files, of kinds the first generators (crafted.ts) and the fuzzer's mutations (mutate.ts) do not
// make: each stands for a family of held-out hostile files.

const ENUM = 0x00;
const U8 = 0x02;
const U16 = 0x84;
const U32 = 0x86;
const BYTE = 0x0d;
const STRING = 0x07;

/**
 * `records` records each carrying `fields` developer fields of 255 bytes (the most a field can declare), one of
 * them described as a uint16 (an odd size for its type): about 10 KB a record where a real one has ~30 bytes.
 */
export function hugeDeveloperFields(records: number, fields = 40): Uint8Array {
  const f = new FitBytes().activityHeader();
  // developer_data_id (207): developer_data_index 0.
  f.define(2, 207, [[3, 1, U8]]).bytes([2, 0]);
  // field_description (206): index 0, field 0, base type uint16, name "pad".
  f.define(3, 206, [
    [0, 1, U8],
    [1, 1, U8],
    [2, 1, U8],
    [3, 4, STRING],
  ]).bytes([3, 0, 0, U16, ...Buffer.from("pad\0", "latin1")]);
  // A record layout with the developer-data bit (0x20) and `fields` developer fields of 255 bytes each.
  f.bytes([0x40 | 0x20, 0, 0, 20, 0, 2, 253, 4, U32, 3, 1, U8, fields]);
  for (let i = 0; i < fields; i++) f.bytes([i, 255, 0]);
  const pad = new Array<number>(fields * 255).fill(0x5a);
  for (let i = 0; i < records; i++)
    f.bytes([0])
      .u32(T2024 + i)
      .bytes([140])
      .bytes(pad);
  return f.file();
}

/**
 * Local message 0 redefined before every record, alternating between a 6-byte layout and a 211-byte one with
 * distance, speed and a 200-byte blob: a decoder that kept the first size would read the stream out of step.
 */
export function redefinedMidStream(records: number): Uint8Array {
  const f = new FitBytes().activityHeader();
  const blob = new Array<number>(200).fill(0xee);
  let distanceCm = 0;
  for (let i = 0; i < records; i++) {
    if (i % 2 === 0) {
      f.define(0, 20, [
        [253, 4, U32],
        [3, 1, U8],
      ]);
      f.bytes([0])
        .u32(T2024 + i)
        .bytes([150]);
    } else {
      f.define(0, 20, [
        [253, 4, U32],
        [5, 4, U32],
        [6, 2, U16],
        [90, 200, BYTE],
      ]);
      f.bytes([0])
        .u32(T2024 + i)
        .u32(distanceCm)
        .bytes([3000 & 0xff, 3000 >> 8, ...blob]);
    }
    distanceCm += 300;
  }
  return f.file();
}

/**
 * One full timestamp, then `count` compressed-timestamp records whose 5-bit offset steps back by one each time:
 * every record wraps the 32-second rollover, so time races ahead 31 s a record (a day in under 3,000 records).
 */
export function compressedWrap(count: number): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0).record(0, T2024, 140);
  // Local 1 redefined as heart rate alone: compressed headers carry the time (bits 0-4) and the local type.
  f.define(1, 20, [[3, 1, U8]]);
  let offset = T2024 & 0x1f;
  for (let i = 0; i < count; i++) {
    offset = (offset + 31) & 0x1f;
    f.bytes([0x80 | (1 << 5) | offset, 140]);
  }
  return f.file();
}

/** A CRC-valid run whose every value is FIT's "invalid": timestamps, heart rate, distance, the session's totals. */
export function allInvalid(records: number): Uint8Array {
  const f = new FitBytes().activityHeader();
  f.define(0, 20, [
    [253, 4, U32],
    [3, 1, U8],
    [5, 4, U32],
    [6, 2, U16],
    [4, 1, U8],
  ]);
  for (let i = 0; i < records; i++)
    f.bytes([0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  f.define(1, 18, [
    [253, 4, U32],
    [2, 4, U32],
    [5, 1, ENUM],
    [7, 4, U32],
    [9, 4, U32],
  ]);
  f.bytes([1, ...new Array<number>(4 + 4 + 1 + 4 + 4).fill(0xff)]);
  return f.file();
}

/**
 * `segments` FIT files chained end to end (as a watch may write one file of several), each its own header, file_id,
 * definition and one record a second after the last: thousands of segments where a real file has one or two.
 */
export function chainedSegments(segments: number): Uint8Array {
  const parts: Buffer[] = [];
  for (let s = 0; s < segments; s++) {
    parts.push(
      Buffer.from(
        new FitBytes()
          .activityHeader()
          .defineRecord(0)
          .record(0, T2024 + s, 140)
          .file(),
      ),
    );
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** A short valid run whose header claims ~4 GiB of data (header CRC made right), in a file of a few hundred bytes. */
export function headerClaimsTooMuch(): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0);
  for (let i = 0; i < 60; i++) f.record(0, T2024 + i, 140);
  const bytes = Buffer.from(f.file());
  bytes.writeUInt32LE(0xfffffff0, 4);
  return new Uint8Array(resignHeader(bytes));
}

function resignHeader(b: Buffer): Buffer {
  b.writeUInt16LE(CrcCalculator.calculateCRC(b, 0, 12), 12);
  return b;
}
