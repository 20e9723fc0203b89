import { closeSync, openSync, writeSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";
import { DomainError } from "../errors.ts";

// A small zip writer (node has none): stored or deflated entries written one by one to a file, so an export
// of years of originals is never held in memory at once. No zip64: past 4 GiB or 65,535 entries it says so.

const MAX_U32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** DOS date and time of a Date (local time, as zip tools expect). */
function dosDateTime(d: Date): [number, number] {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
  const date = ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return [time, date];
}

export interface ZipWriter {
  /** Adds one entry; `deflate` compresses it (worth it for text, not for already-dense data). */
  add(name: string, bytes: Uint8Array, deflate?: boolean): void;
  /** Writes the central directory and closes the file. */
  close(): void;
  /** Closes the file without finishing it (the caller deletes it). */
  abort(): void;
}

/** Opens `path` for writing a zip; entries' times are `modified`. */
export function createZipWriter(path: string, modified: Date): ZipWriter {
  const fd = openSync(path, "w");
  const [time, date] = dosDateTime(modified);
  const centrals: Buffer[] = [];
  let offset = 0;
  let open = true;
  const write = (buf: Buffer): void => {
    writeSync(fd, buf);
    offset += buf.length;
  };
  return {
    add(name, bytes, deflate = true) {
      const nameBytes = Buffer.from(name, "utf8");
      const data = deflate
        ? deflateRawSync(bytes)
        : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (offset + data.length + 30 + nameBytes.length > MAX_U32 || centrals.length >= MAX_ENTRIES) {
        throw new DomainError(
          "export-too-large",
          "The export is larger than a zip without zip64 can hold (4 GiB).",
        );
      }
      const crc = crc32(bytes);
      // Version 20, flag 0x0800 = UTF-8 names, method 8 deflate or 0 stored.
      const common = [
        u16(20),
        u16(0x0800),
        u16(deflate ? 8 : 0),
        u16(time),
        u16(date),
        u32(crc),
        u32(data.length),
      ];
      const sizes = [u32(bytes.length), u16(nameBytes.length), u16(0)];
      const central = [
        u32(0x02014b50),
        u16(20),
        ...common,
        ...sizes,
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(offset),
      ];
      centrals.push(Buffer.concat([...central, nameBytes]));
      write(Buffer.concat([u32(0x04034b50), ...common, ...sizes, nameBytes]));
      write(data);
    },
    close() {
      const cd = Buffer.concat(centrals);
      const n = centrals.length;
      write(cd);
      write(
        Buffer.concat([
          u32(0x06054b50),
          u16(0),
          u16(0),
          u16(n),
          u16(n),
          u32(cd.length),
          u32(offset - cd.length),
          u16(0),
        ]),
      );
      closeSync(fd);
      open = false;
    },
    abort() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
