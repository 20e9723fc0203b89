import { fitCrc } from "./decoder/crc.ts";
import { FitParseError } from "./errors.ts";

/** One FIT segment (a file, or one of several files chained back to back). */
export interface Segment {
  /** Byte offset of the segment's header. */
  start: number;
  /** End of the segment (after its CRC); for a truncated one, the end of its last whole message. */
  end: number;
  /** The segment ends before its declared size (no CRC to check). */
  truncated: boolean;
  /** Whole messages found in a cut-off segment (definitions included); 0 for a complete one, which is not walked. */
  messages: number;
}

export interface SegmentWalk {
  segments: Segment[];
  /** Trailing zero bytes after the last segment (padding), ignored. */
  paddingBytes: number;
}

const MIN_HEADER = 12;

function u32le(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 0x1000000;
}

function u16le(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function hasFitHeader(b: Uint8Array, at: number): boolean {
  const size = b[at];
  if (size !== 12 && size !== 14) return false;
  if (at + size > b.length) return false;
  return b[at + 8] === 0x2e && b[at + 9] === 0x46 && b[at + 10] === 0x49 && b[at + 11] === 0x54;
}

interface RecordWalk {
  /** Offset just past the last whole message. */
  wholeEnd: number;
  compressedTimestamps: number;
  messages: number;
  /** A data message referred to a local type with no definition: the bytes are not FIT records. */
  broken: boolean;
}

/** Hops over every record header so we know where whole messages end and which headers are used. */
export function walkRecords(b: Uint8Array, from: number, to: number): RecordWalk {
  const sizes = new Map<number, number>();
  let p = from;
  let compressed = 0;
  let messages = 0;
  while (p < to) {
    const h = b[p] ?? 0;
    let next: number;
    if ((h & 0x80) !== 0) {
      const size = sizes.get((h >> 5) & 0x3);
      if (size === undefined)
        return { wholeEnd: p, compressedTimestamps: compressed, messages, broken: true };
      compressed++;
      next = p + 1 + size;
    } else if ((h & 0x40) !== 0) {
      if (p + 6 > to) break;
      const fields = b[p + 5] ?? 0;
      let q = p + 6;
      let size = 0;
      for (let i = 0; i < fields; i++) size += b[q + 3 * i + 1] ?? 0;
      q += 3 * fields;
      if ((h & 0x20) !== 0) {
        if (q + 1 > to) break;
        const devFields = b[q] ?? 0;
        q += 1;
        for (let i = 0; i < devFields; i++) size += b[q + 3 * i + 1] ?? 0;
        q += 3 * devFields;
      }
      if (q > to) break;
      sizes.set(h & 0xf, size);
      next = q;
    } else {
      const size = sizes.get(h & 0xf);
      if (size === undefined)
        return { wholeEnd: p, compressedTimestamps: compressed, messages, broken: true };
      next = p + 1 + size;
    }
    if (next > to) break;
    p = next;
    messages++;
  }
  return { wholeEnd: p, compressedTimestamps: compressed, messages, broken: false };
}

function segmentAt(b: Uint8Array, start: number): Segment {
  const headerSize = b[start] ?? 0;
  if (headerSize === 14) {
    const headerCrc = u16le(b, start + 12);
    if (headerCrc !== 0 && headerCrc !== fitCrc(b, start, start + 12)) {
      throw new FitParseError(
        "corrupt-file",
        "This FIT file is damaged: its header checksum does not match.",
      );
    }
  }
  const dataSize = u32le(b, start + 4);
  const dataStart = start + headerSize;
  if (dataSize === 0 && b.length > dataStart + 2) {
    throw new FitParseError(
      "truncated-file",
      "This FIT file was never finished by the device or app that wrote it (its header says it holds no data).",
    );
  }
  const dataEnd = dataStart + dataSize;
  if (dataEnd + 2 > b.length) {
    const walk = walkRecords(b, dataStart, b.length);
    if (walk.broken) throw new FitParseError("corrupt-file");
    return { start, end: walk.wholeEnd, truncated: true, messages: walk.messages };
  }
  if (u16le(b, dataEnd) !== fitCrc(b, start, dataEnd)) {
    // A recorder that wrote the header size up front and then stopped: the declared data ends inside a message
    // and the "CRC" bytes are part of it. That is a cut-off file; a whole last message means real damage.
    const cut = dataEnd + 2 === b.length ? walkRecords(b, dataStart, dataEnd) : null;
    if (cut !== null && !cut.broken && cut.wholeEnd < dataEnd && cut.messages > 0) {
      return { start, end: cut.wholeEnd, truncated: true, messages: cut.messages };
    }
    throw new FitParseError("corrupt-file");
  }
  // The CRC vouches for the bytes: the decoder walks them once, no need to walk them here too.
  return { start, end: dataEnd + 2, truncated: false, messages: 0 };
}

/**
 * Walks every segment header ourselves: the SDK's checkIntegrity() looks at the first segment only.
 * Throws FitParseError for an empty file, a non-FIT file, a CRC mismatch or a damaged later header.
 */
/** A cut-off segment made whole: its whole messages, with the header size and a CRC that fit them. */
export function finaliseTruncated(b: Uint8Array, seg: Segment): Uint8Array {
  const headerSize = b[seg.start] ?? 12;
  const out = new Uint8Array(seg.end - seg.start + 2);
  out.set(b.subarray(seg.start, seg.end));
  const dataSize = out.length - 2 - headerSize;
  new DataView(out.buffer).setUint32(4, dataSize, true);
  if (headerSize === 14) new DataView(out.buffer).setUint16(12, fitCrc(out, 0, 12), true);
  new DataView(out.buffer).setUint16(out.length - 2, fitCrc(out, 0, out.length - 2), true);
  return out;
}

export function walkSegments(b: Uint8Array): SegmentWalk {
  if (b.length === 0) throw new FitParseError("empty-file");
  if (b.length < MIN_HEADER || !hasFitHeader(b, 0)) throw new FitParseError("not-a-fit-file");
  const segments: Segment[] = [];
  let at = 0;
  while (at < b.length) {
    if (!hasFitHeader(b, at)) {
      if (b.subarray(at).every((x) => x === 0)) return { segments, paddingBytes: b.length - at };
      throw new FitParseError(
        "corrupt-file",
        `This FIT file is damaged: after ${segments.length} readable part(s) it continues with bytes that are not FIT data.`,
      );
    }
    const segment = segmentAt(b, at);
    segments.push(segment);
    if (segment.truncated) break;
    at = segment.end;
  }
  return { segments, paddingBytes: 0 };
}
