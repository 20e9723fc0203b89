import { CrcCalculator } from "@garmin/fitsdk";

// The SDK's CRC-16 works a nibble at a time through a private field (about 7 ns a byte). The same CRC a byte at a
// time: each table entry is the SDK's own CRC of that one byte, so the two cannot disagree.
const T0 = Uint16Array.from({ length: 256 }, (_, b) => CrcCalculator.calculateCRC(Uint8Array.of(b), 0, 1));
// Slicing by 4: Tk[b] is the CRC of byte b followed by k zero bytes, so four bytes take four independent lookups.
const next = (t: Uint16Array): Uint16Array => t.map((v) => (v >>> 8) ^ (T0[v & 0xff] as number));
const T1 = next(T0);
const T2 = next(T1);
const T3 = next(T2);

/** The FIT CRC of buf[start, end): equal to CrcCalculator.calculateCRC, about ten times faster. */
export function fitCrc(buf: Uint8Array, start: number, end: number): number {
  let crc = 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const x = crc ^ ((buf[i] as number) | ((buf[i + 1] as number) << 8));
    crc =
      (T3[x & 0xff] as number) ^
      (T2[x >>> 8] as number) ^
      (T1[buf[i + 2] as number] as number) ^
      (T0[buf[i + 3] as number] as number);
  }
  for (; i < end; i++) crc = (crc >>> 8) ^ (T0[(crc ^ (buf[i] as number)) & 0xff] as number);
  return crc;
}
