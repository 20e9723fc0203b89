import { crc32 } from "node:zlib";
import { CrcCalculator } from "@garmin/fitsdk";

// Hostile variants of real FIT files. Most mutations re-sign the file (header and file CRC) so the bytes get past
// the checksum and reach the decoder; unsigned variants check that the checksum itself rejects them.

export type MutationKind =
  "bit-flips" | "byte-run" | "truncate" | "shuffle-definitions" | "huge-size" | "random-bytes" | "random-fit";

export const MUTATION_KINDS: readonly MutationKind[] = [
  "bit-flips",
  "byte-run",
  "truncate",
  "shuffle-definitions",
  "huge-size",
  "random-bytes",
  "random-fit",
];

export interface Mutant {
  kind: MutationKind;
  /** What was done, enough to reproduce by hand. */
  detail: string;
  bytes: Uint8Array;
}

type Rng = () => number;

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);

interface Message {
  start: number;
  end: number;
  definition: boolean;
}

/** The record boundaries of the first segment's data, as far as they can be followed. */
export function messagesOf(b: Uint8Array): Message[] {
  const headerSize = b[0] === 14 ? 14 : 12;
  const dataEnd = Math.min(b.length - 2, headerSize + readU32(b, 4));
  const sizes = new Map<number, number>();
  const out: Message[] = [];
  let p = headerSize;
  while (p < dataEnd && out.length < 200_000) {
    const h = b[p] ?? 0;
    let next: number;
    if ((h & 0xc0) === 0x40) {
      const fields = b[p + 5] ?? 0;
      let q = p + 6 + 3 * fields;
      let size = 0;
      for (let i = 0; i < fields; i++) size += b[p + 6 + 3 * i + 1] ?? 0;
      if ((h & 0x20) !== 0) {
        const dev = b[q] ?? 0;
        for (let i = 0; i < dev; i++) size += b[q + 1 + 3 * i + 1] ?? 0;
        q += 1 + 3 * dev;
      }
      sizes.set(h & 0xf, size);
      next = q;
    } else {
      const size = sizes.get((h & 0x80) !== 0 ? (h >> 5) & 0x3 : h & 0xf);
      if (size === undefined) break;
      next = p + 1 + size;
    }
    if (next > dataEnd) break;
    out.push({ start: p, end: next, definition: (h & 0xc0) === 0x40 });
    p = next;
  }
  return out;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 0x1000000;
}

/** Rewrites the first segment's header CRC and file CRC so they match the (mutated) bytes. */
export function resign(b: Uint8Array): Uint8Array {
  if (b.length < 14) return b;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b[0] === 14) view.setUint16(12, CrcCalculator.calculateCRC(b, 0, 12), true);
  const end = (b[0] === 14 ? 14 : 12) + readU32(b, 4);
  if (end + 2 <= b.length) view.setUint16(end, CrcCalculator.calculateCRC(b, 0, end), true);
  return b;
}

function flipBits(rng: Rng, src: Uint8Array): Mutant {
  const b = src.slice();
  const n = 1 + int(rng, 16);
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    const bit = int(rng, b.length * 8);
    b[bit >> 3] = (b[bit >> 3] ?? 0) ^ (1 << (bit & 7));
    at.push(bit);
  }
  const signed = rng() < 0.75;
  return {
    kind: "bit-flips",
    detail: `bits ${at.join(",")}${signed ? " re-signed" : ""}`,
    bytes: signed ? resign(b) : b,
  };
}

function byteRun(rng: Rng, src: Uint8Array): Mutant {
  const b = src.slice();
  const len = 1 + int(rng, 64);
  const at = int(rng, b.length);
  const value = [0x00, 0xff, 0x7f, 0x80, int(rng, 256)][int(rng, 5)] ?? 0;
  b.fill(value, at, at + len);
  return { kind: "byte-run", detail: `${len} × 0x${value.toString(16)} at ${at}`, bytes: resign(b) };
}

function truncate(rng: Rng, src: Uint8Array): Mutant {
  const at = int(rng, src.length + 1);
  return { kind: "truncate", detail: `cut at ${at} of ${src.length}`, bytes: src.slice(0, at) };
}

function shuffleDefinitions(rng: Rng, src: Uint8Array): Mutant {
  const msgs = messagesOf(src);
  const defs = msgs.map((m, i) => (m.definition ? i : -1)).filter((i) => i >= 0);
  if (defs.length < 2) return byteRun(rng, src);
  const order = msgs.map((_, i) => i);
  const swaps = 1 + int(rng, 4);
  for (let s = 0; s < swaps; s++) {
    const i = defs[int(rng, defs.length)] as number;
    const j = defs[int(rng, defs.length)] as number;
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const first = msgs[0]?.start ?? 0;
  const b = src.slice();
  let p = first;
  for (const i of order) {
    const m = msgs[i] as Message;
    b.set(src.subarray(m.start, m.end), p);
    p += m.end - m.start;
  }
  return { kind: "shuffle-definitions", detail: `${swaps} definition swap(s)`, bytes: resign(b) };
}

function hugeSize(rng: Rng, src: Uint8Array): Mutant {
  const b = src.slice();
  const defs = messagesOf(src).filter((m) => m.definition);
  const pick = int(rng, 3);
  const def = defs[int(rng, defs.length)];
  if (pick === 0 || !def) {
    // Header promises far more data than there is.
    new DataView(b.buffer).setUint32(4, 0xfffffff0 - int(rng, 1000), true);
    return { kind: "huge-size", detail: "header data size ~4 GiB", bytes: resign(b) };
  }
  if (pick === 1) {
    b[def.start + 5] = 0xff;
    return { kind: "huge-size", detail: `255 fields declared at ${def.start}`, bytes: resign(b) };
  }
  const fields = b[def.start + 5] ?? 0;
  const f = fields > 0 ? int(rng, fields) : 0;
  b[def.start + 6 + 3 * f + 1] = 0xff;
  return { kind: "huge-size", detail: `field ${f} size 255 at ${def.start}`, bytes: resign(b) };
}

function randomBytes(rng: Rng): Mutant {
  const b = new Uint8Array(int(rng, 4096));
  for (let i = 0; i < b.length; i++) b[i] = int(rng, 256);
  return { kind: "random-bytes", detail: `${b.length} random bytes`, bytes: b };
}

/** A FIT file around the given data bytes: 14-byte header, header CRC and file CRC. */
function wrap(data: Uint8Array): Uint8Array {
  const b = new Uint8Array(14 + data.length + 2);
  b.set([14, 0x20, 0x5e, 0x08], 0);
  new DataView(b.buffer).setUint32(4, data.length, true);
  b.set([0x2e, 0x46, 0x49, 0x54], 8);
  b.set(data, 14);
  return resign(b);
}

// Field definitions as [field number, size, base type] (0x02 uint8, 0x84 uint16, 0x85 sint32, 0x86 uint32).
const FILE_ID: [number, number[][]] = [
  0,
  [
    [0, 1, 0x00],
    [1, 2, 0x84],
    [4, 4, 0x86],
  ],
];
const RECORD: [number, number[][]] = [
  20,
  [
    [253, 4, 0x86],
    [0, 4, 0x85],
    [1, 4, 0x85],
    [5, 4, 0x86],
    [6, 2, 0x84],
    [3, 1, 0x02],
    [4, 1, 0x02],
    [53, 1, 0x02],
  ],
];
const SESSION: [number, number[][]] = [
  18,
  [
    [253, 4, 0x86],
    [2, 4, 0x86],
    [5, 1, 0x00],
    [7, 4, 0x86],
    [9, 4, 0x86],
    [18, 1, 0x02],
  ],
];

class Bytes {
  private readonly out: number[] = [];
  u8(v: number): this {
    this.out.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }
  define(local: number, [global, fields]: [number, number[][]]): this {
    this.u8(0x40 | local)
      .u8(0)
      .u8(0)
      .u16(global)
      .u8(fields.length);
    for (const f of fields)
      this.u8(f[0] ?? 0)
        .u8(f[1] ?? 0)
        .u8(f[2] ?? 0);
    return this;
  }
  get bytes(): Uint8Array {
    return new Uint8Array(this.out);
  }
}

/** An activity file whose structure is valid but whose record values are random: reaches the activity builder. */
function randomRecords(rng: Rng): Mutant {
  const w = new Bytes();
  const t0 = 900_000_000 + int(rng, 200_000_000);
  w.define(0, FILE_ID).u8(0).u8(4).u16(255).u32(t0);
  w.define(1, RECORD);
  const n = 1 + int(rng, 600);
  let t = t0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    // Mostly forward, sometimes repeated or backwards; every value now and then an invalid sentinel.
    t += rng() < 0.9 ? 1 : int(rng, 7) - 3;
    d += rng() < 0.95 ? int(rng, 600) : -int(rng, 100_000);
    const r = (bits: number, v: number): number => (rng() < 0.05 ? 2 ** bits - 1 : v);
    w.u8(1)
      .u32(r(32, t))
      .u32(r(32, int(rng, 2 ** 32)))
      .u32(r(32, int(rng, 2 ** 32)));
    w.u32(r(32, Math.max(0, d)))
      .u16(r(16, int(rng, 2 ** 16)))
      .u8(r(8, int(rng, 256)));
    w.u8(r(8, int(rng, 256))).u8(r(8, int(rng, 256)));
  }
  if (rng() < 0.7) {
    w.define(2, SESSION)
      .u8(2)
      .u32(t)
      .u32(t0)
      .u8(int(rng, 4) === 0 ? int(rng, 256) : 1);
    w.u32(int(rng, 2 ** 32))
      .u32(int(rng, 2 ** 32))
      .u8(int(rng, 256));
  }
  return { kind: "random-fit", detail: `${n} records of random values`, bytes: wrap(w.bytes) };
}

/** A valid FIT header and CRCs around random data, or around records of random values: reaches the decoder. */
function randomFit(rng: Rng): Mutant {
  if (rng() < 0.6) return randomRecords(rng);
  const data = new Uint8Array(int(rng, 4096));
  for (let i = 0; i < data.length; i++) data[i] = int(rng, 256);
  // A definition header now and then, so some random data decodes into messages.
  if (data.length > 6 && rng() < 0.5) data[0] = 0x40;
  return { kind: "random-fit", detail: `header + ${data.length} random bytes`, bytes: wrap(data) };
}

/** One hostile variant of `src` (or of nothing, for the random kinds). */
export function mutate(kind: MutationKind, rng: Rng, src: Uint8Array): Mutant {
  if (src.length < 16 && kind !== "random-bytes" && kind !== "random-fit") return truncate(rng, src);
  switch (kind) {
    case "bit-flips":
      return flipBits(rng, src);
    case "byte-run":
      return byteRun(rng, src);
    case "truncate":
      return truncate(rng, src);
    case "shuffle-definitions":
      return shuffleDefinitions(rng, src);
    case "huge-size":
      return hugeSize(rng, src);
    case "random-bytes":
      return randomBytes(rng);
    case "random-fit":
      return randomFit(rng);
  }
}

/** A short stable id for a mutant's bytes, to name it in reports. */
export function fingerprint(b: Uint8Array): string {
  return (crc32(b) >>> 0).toString(16).padStart(8, "0");
}
