import { CrcCalculator } from "@garmin/fitsdk";

// The SDK's CRC-16 works a nibble at a time through a private field (about 7 ns a byte). The same CRC a byte at a
// time: each table entry is the SDK's own CRC of that one byte, so the two cannot disagree.
const TABLE = Uint16Array.from({ length: 256 }, (_, b) => CrcCalculator.calculateCRC(Uint8Array.of(b), 0, 1));

/** The FIT CRC of buf[start, end): equal to CrcCalculator.calculateCRC, several times faster. */
export function fitCrc(buf: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ (TABLE[(crc ^ (buf[i] as number)) & 0xff] as number);
  return crc;
}
