import { CrcCalculator } from "@garmin/fitsdk";

// The SDK's CRC-16 works a nibble at a time through a private field (about 7 ns a byte). The same CRC a byte at a
// time: each table entry is the SDK's own CRC of that one byte, so the two cannot disagree.
const T0 = Uint16Array.from({ length: 256 }, (_, b) => CrcCalculator.calculateCRC(Uint8Array.of(b), 0, 1));
// Slicing by 4: entry k·256 + b is the CRC of byte b followed by k zero bytes, so four bytes take four lookups
// that do not wait on each other.
const TABLES = new Uint16Array(1024);
TABLES.set(T0);
for (let i = 256; i < 1024; i++) {
  const v = TABLES[i - 256] as number;
  TABLES[i] = (v >>> 8) ^ (T0[v & 0xff] as number);
}

/** The FIT CRC of buf[start, end): equal to CrcCalculator.calculateCRC, about ten times faster. */
export function fitCrc(buf: Uint8Array, start: number, end: number): number {
  const t = TABLES;
  let crc = 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const x = crc ^ ((buf[i] as number) | ((buf[i + 1] as number) << 8));
    crc =
      (t[768 + (x & 0xff)] as number) ^
      (t[512 + (x >>> 8)] as number) ^
      (t[256 + (buf[i + 2] as number)] as number) ^
      (t[buf[i + 3] as number] as number);
  }
  for (; i < end; i++) crc = (crc >>> 8) ^ (t[(crc ^ (buf[i] as number)) & 0xff] as number);
  return crc;
}
