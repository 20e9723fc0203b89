import { crc32, deflateRawSync } from "node:zlib";
import { CrcCalculator } from "@garmin/fitsdk";

// Generators of hostile FIT files, written byte by byte into one preallocated buffer (they run to megabytes).

const U8 = 0x02;
const U32 = 0x86;
const BYTE = 0x0d;
const ENUM = 0x00;
/** FIT seconds of 2024-01-01T00:00:00Z. */
export const T2024 = 1_072_915_200;

/** Appends FIT messages to a growing buffer; `file()` wraps them in a header and CRC. */
export class FitBytes {
  private buf = Buffer.alloc(1 << 16);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.n + k));
    this.buf.copy(next, 0, 0, this.n);
    this.buf = next;
  }

  bytes(values: readonly number[]): this {
    this.room(values.length);
    for (const v of values) this.buf[this.n++] = v & 0xff;
    return this;
  }

  u32(v: number): this {
    this.room(4);
    this.buf.writeUInt32LE(v >>> 0, this.n);
    this.n += 4;
    return this;
  }

  /** A definition: local message, global number, fields as [num, size, base type]. */
  define(local: number, global: number, fields: readonly (readonly [number, number, number])[]): this {
    this.bytes([0x40 | local, 0, 0, global & 0xff, global >> 8, fields.length]);
    for (const f of fields) this.bytes(f);
    return this;
  }

  /** file_id with type = activity (local 15). */
  activityHeader(): this {
    return this.define(15, 0, [[0, 1, ENUM]]).bytes([15, 4]);
  }

  /** A record definition of timestamp + heart rate on `local`. */
  defineRecord(local: number): this {
    return this.define(local, 20, [
      [253, 4, U32],
      [3, 1, U8],
    ]);
  }

  record(local: number, ts: number, hr: number): this {
    return this.bytes([local]).u32(ts).bytes([hr]);
  }

  file(): Uint8Array {
    const out = Buffer.alloc(14 + this.n + 2);
    out.writeUInt8(14, 0);
    out.writeUInt8(0x20, 1);
    out.writeUInt16LE(2132, 2);
    out.writeUInt32LE(this.n, 4);
    out.write(".FIT", 8, "latin1");
    out.writeUInt16LE(CrcCalculator.calculateCRC(out, 0, 12), 12);
    this.buf.copy(out, 14, 0, this.n);
    out.writeUInt16LE(CrcCalculator.calculateCRC(out, 0, 14 + this.n), 14 + this.n);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
}

/** A plausible run of `seconds` one-second records (heart rate only): 6 bytes a record. */
export function longRun(seconds: number): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0);
  for (let i = 0; i < seconds; i++) f.record(0, T2024 + i, 120 + (i % 40));
  return f.file();
}

const U16 = 0x84;

/**
 * A run of `seconds` one-second records with distance, speed, cadence and heart rate (12 bytes a record): what
 * records, the cadence model and the run page all read, at 3 m/s and 85 rpm.
 */
export function longRunningRun(seconds: number, startFit = T2024): Uint8Array {
  const f = new FitBytes().activityHeader().define(0, 20, [
    [253, 4, U32],
    [5, 4, U32],
    [6, 2, U16],
    [4, 1, U8],
    [3, 1, U8],
  ]);
  let distanceCm = 0;
  for (let i = 0; i < seconds; i++) {
    // Distance in cm, speed in mm/s (FIT's scales); a slow minute every ten keeps the speed bins apart.
    const speedMmS = i % 600 < 60 ? 2_500 : 3_000;
    f.bytes([0])
      .u32(startFit + i)
      .u32(distanceCm)
      .bytes([speedMmS & 0xff, speedMmS >> 8, 85 + (i % 3), 130 + (i % 30)]);
    distanceCm += speedMmS / 10;
  }
  // A running session over it (sport 1), so it is a run: timestamp, start, sport, elapsed, timer (ms), distance (cm).
  f.define(1, 18, [
    [253, 4, U32],
    [2, 4, U32],
    [5, 1, ENUM],
    [7, 4, U32],
    [8, 4, U32],
    [9, 4, U32],
  ]);
  const lastS = seconds - 1;
  f.bytes([1])
    .u32(startFit + lastS)
    .u32(startFit)
    .bytes([1])
    .u32(lastS * 1000)
    .u32(lastS * 1000)
    .u32(distanceCm);
  return f.file();
}

/** Issue 15 attack 1: a record layout per record, `layouts` of them (20,400 in the 370 KB original). */
export function manyLayouts(layouts: number): Uint8Array {
  const f = new FitBytes().activityHeader();
  for (let i = 0; i < layouts; i++) {
    // timestamp, heart rate, then a field that makes the layout unique (number and size vary).
    const extra = [10 + (i % 200), 1 + Math.floor(i / 200), BYTE] as const;
    f.define(0, 20, [[253, 4, U32], [3, 1, U8], extra]);
    f.record(0, T2024 + i, 140).bytes(new Array<number>(extra[1]).fill(0xff));
  }
  return f.file();
}

/**
 * Issue 15 attack 2: one full timestamp, then `count` one-byte compressed-timestamp records on a zero-field
 * definition (52 million of them made an 889,192 s "run" from a 127 KB .fit.gz).
 */
export function compressedFlood(count: number): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0).record(0, T2024, 140);
  f.define(1, 20, []);
  const headers = new Array<number>(count);
  // Local message 1 in the compressed header (bits 5-6), offsets walking forward a second at a time.
  for (let i = 0; i < count; i++) headers[i] = 0x80 | (1 << 5) | ((T2024 + 1 + i) & 0x1f);
  return f.bytes(headers).file();
}

/** Records an hour apart for `days`: a "run" far longer than any activity. */
export function longSpan(days: number): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0);
  for (let h = 0; h <= days * 24; h++) f.record(0, T2024 + h * 3600, 140);
  return f.file();
}

/** `count` records crammed into `seconds`: more samples a second than any watch records. */
export function highRate(count: number, seconds: number): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0);
  for (let i = 0; i < count; i++) f.record(0, T2024 + Math.floor((i * seconds) / count), 140);
  return f.file();
}

/** `count` lap messages: objects, each costing heap, far beyond a real file's few thousand messages. */
export function manyLaps(count: number): Uint8Array {
  const f = new FitBytes().activityHeader().define(1, 19, [[253, 4, U32]]);
  for (let i = 0; i < count; i++) f.bytes([1]).u32(T2024 + i);
  return f.file();
}

const F64 = 0x89;
const STRING = 0x07;

/**
 * Issue 15 attack 5: a run of 60 one-second records whose session says distance 1e306 m, timer −0.001 s,
 * speed 1.67e303 m/s and sport "constructor" (float64 and string fields where the profile has integers and
 * an enum), starting at `startFit` (FIT seconds).
 */
export function implausibleSession(startFit = T2024): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0);
  for (let i = 0; i < 60; i++) f.record(0, startFit + i, 150);
  const sport = [...Buffer.from("constructor\0", "latin1")];
  f.define(1, 18, [
    [253, 4, U32],
    [2, 4, U32],
    [7, 8, F64],
    [8, 8, F64],
    [9, 8, F64],
    [124, 8, F64],
    [5, sport.length, STRING],
  ]);
  const f64 = (v: number): number[] => {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    return [...b];
  };
  f.bytes([1])
    .u32(startFit + 60)
    .u32(startFit);
  f.bytes([...f64(60_000), ...f64(-1), ...f64(1e308), ...f64(1.67e306), ...sport]);
  return f.file();
}

/** An entry already deflated, for zips of many copies of one compressed block (nothing is deflated twice). */
export interface PackedEntry {
  name: string;
  deflated: Uint8Array;
  crc: number;
  size: number;
}

/** A zip of deflated entries, written as the bytes are given (no zip64: under 4 GiB). */
export function zipOfPacked(entries: readonly PackedEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.byteLength, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.crc >>> 0, 16);
    dir.writeUInt32LE(e.deflated.byteLength, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(e.deflated));
    central.push(dir, name);
    offset += 30 + name.length + e.deflated.byteLength;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

/** One entry of `bytes`, deflated once (fast: level 1; level 0 keeps it as big as it is). */
export function packed(name: string, bytes: Uint8Array, level = 1): PackedEntry {
  return { name, deflated: deflateRawSync(bytes, { level }), crc: crc32(bytes), size: bytes.byteLength };
}

/** Issue 15 attack 4b: `count` entries of 1 MiB − 1 zeros (under the per-entry ratio check's threshold). */
export function manySmallBombs(count: number): Uint8Array {
  // Deflated once at level 9 (~1 KB each, as in the 9 MB original), then copied.
  const one = packed("x", new Uint8Array(1024 * 1024 - 1), 9);
  return zipOfPacked(Array.from({ length: count }, (_, i) => ({ ...one, name: `bomb-${i}.fit` })));
}

/**
 * Issue 15 attack 4a: a zip holding one inner zip of `innerMiB` MiB (a stored filler entry that compresses
 * about 18:1, under the ratio cap, then a real `fit` run), so the import must unpack the inner zip to read it.
 */
export function nestedBig(innerMiB: number, fit: Uint8Array): Uint8Array {
  const filler = new Uint8Array(innerMiB * 1024 * 1024);
  for (let i = 0; i < filler.length; i += 64) filler[i] = (i * 2654435761) >>> 24;
  const inner = zipOfPacked([packed("filler.bin", filler, 0), packed("run.fit", fit)]);
  return zipOfPacked([packed("UploadedFiles_0-_Part1.zip", inner)]);
}

/** `sessions` sessions over `records` records: each session was matched against every record and lap. */
export function manySessions(sessions: number, records: number): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0);
  for (let i = 0; i < records; i++) f.record(0, T2024 + i, 140);
  f.define(1, 18, [
    [253, 4, U32],
    [2, 4, U32],
  ]);
  for (let i = 0; i < sessions; i++)
    f.bytes([1])
      .u32(T2024 + i + 1)
      .u32(T2024 + i);
  return f.file();
}
