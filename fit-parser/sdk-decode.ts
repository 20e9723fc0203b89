import { Decoder, Stream } from "@garmin/fitsdk";
import type { FitMessages } from "@garmin/fitsdk";
import { FitParseError } from "./errors.ts";
import { finalizeTruncated } from "./segments.ts";
import type { Segment } from "./segments.ts";

export interface DecodedSegment {
  messages: FitMessages;
  segment: Segment;
}

const UNSUPPORTED = "unsupported-encoding" as const;

/**
 * Decodes one segment with @garmin/fitsdk. A complete, CRC-checked segment that the SDK still fails on is a
 * decoder limit (e.g. the Forerunner 255 triathlon crash), never partial numbers: it becomes unsupported-encoding.
 */
export function decodeSegment(bytes: Uint8Array, segment: Segment): DecodedSegment {
  if (segment.compressedTimestamps > 0) {
    throw new FitParseError(
      UNSUPPORTED,
      "This FIT file uses compressed timestamps (an older watch format) that Stridewise cannot read yet.",
    );
  }
  // A segment cut off before its first whole message holds nothing to decode (the SDK calls it "not FIT").
  if (segment.truncated && segment.messages === 0) return { messages: {}, segment };
  // A cut-off segment is handed over as its whole messages only, so the SDK never reads half a message.
  const own = segment.truncated
    ? finalizeTruncated(bytes, segment)
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
  return { messages, segment };
}
