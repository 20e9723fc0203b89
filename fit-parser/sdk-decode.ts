import { Decoder, Stream } from "@garmin/fitsdk";
import type { FitMessages, RecordMesg } from "@garmin/fitsdk";
import { ALL_MAY_STRAY, ColumnTable, COL } from "./decoder/columns.ts";
import type { RecordColumns } from "./decoder/columns.ts";
import { FitParseError } from "./errors.ts";
import { finaliseTruncated, walkRecords } from "./segments.ts";
import { FIT_EPOCH_MS } from "./values.ts";
import type { Segment } from "./segments.ts";

export interface DecodedSegment {
  messages: FitMessages;
  records: RecordColumns;
}

const UNSUPPORTED = "unsupported-encoding" as const;

/** The SDK's record objects as the columns our decoder writes (the reference in differential tests). */
export function recordsFromSdk(recs: readonly RecordMesg[]): RecordColumns {
  const t = new ColumnTable(recs.length);
  const put = (col: number, row: number, v: unknown): void => {
    t.use(col)[row] = typeof v === "number" ? v : Number.NaN;
  };
  for (const r of recs) {
    const row = t.addRow();
    put(
      COL.timestamp,
      row,
      r.timestamp instanceof Date ? (r.timestamp.getTime() - FIT_EPOCH_MS) / 1000 : undefined,
    );
    put(COL.distance, row, r.distance);
    put(COL.speed, row, typeof r.enhancedSpeed === "number" ? r.enhancedSpeed : r.speed);
    put(COL.altitude, row, typeof r.enhancedAltitude === "number" ? r.enhancedAltitude : r.altitude);
    put(COL.heartRate, row, r.heartRate);
    put(COL.cadence, row, r.cadence);
    put(COL.fractionalCadence, row, r.fractionalCadence);
    put(COL.cadence256, row, r.cadence256);
    put(COL.positionLat, row, r.positionLat);
    put(COL.positionLong, row, r.positionLong);
    put(COL.stepLength, row, r.stepLength);
    put(COL.verticalOscillation, row, r.verticalOscillation);
    put(COL.verticalRatio, row, r.verticalRatio);
    put(COL.stanceTime, row, r.stanceTime);
  }
  // The SDK's values go in unseen: every column is checked when the samples are built.
  t.mayStray = ALL_MAY_STRAY;
  return t.finish();
}

/**
 * Decodes one segment with @garmin/fitsdk. A complete, CRC-checked segment that the SDK still fails on is a
 * decoder limit (e.g. the Forerunner 255 triathlon crash), never partial numbers: it becomes unsupported-encoding.
 */
export function decodeSegment(bytes: Uint8Array, segment: Segment): DecodedSegment {
  const dataEnd = segment.truncated ? segment.end : segment.end - 2;
  if (walkRecords(bytes, segment.start + (bytes[segment.start] ?? 12), dataEnd).compressedTimestamps > 0) {
    throw new FitParseError(
      UNSUPPORTED,
      "This FIT file uses compressed timestamps (an older watch format) that Stridewise cannot read yet.",
    );
  }
  // A segment cut off before its first whole message holds nothing to decode (the SDK calls it "not FIT").
  if (segment.truncated && segment.messages === 0) return { messages: {}, records: recordsFromSdk([]) };
  // A cut-off segment is handed over as its whole messages only, so the SDK never reads half a message.
  const own = segment.truncated
    ? finaliseTruncated(bytes, segment)
    : bytes.subarray(segment.start, segment.end);
  const stream = Stream.fromByteArray(own);
  const decoder = new Decoder(stream);
  const { messages, errors } = decoder.read({ includeUnknownData: false, decodeMemoGlobs: false });
  if (errors.length > 0) {
    throw new FitParseError(
      UNSUPPORTED,
      "This FIT file is laid out in a way the FIT decoder Stridewise uses cannot read yet, so it was not imported rather than read wrongly.",
    );
  }
  return { messages, records: recordsFromSdk(messages.recordMesgs ?? []) };
}
