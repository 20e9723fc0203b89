import { Decoder, Stream } from "@garmin/fitsdk";
import type { FitMessages } from "@garmin/fitsdk";
import { FitParseError } from "./errors.ts";
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
  const stream = Stream.fromByteArray(bytes.subarray(segment.start, segment.end));
  const decoder = new Decoder(stream);
  const { messages, errors } = decoder.read({ includeUnknownData: false, decodeMemoGlobs: false });
  const first = errors[0];
  if (first !== undefined) {
    const text = first instanceof Error ? first.message : String(first);
    const expectedCut = segment.truncated && /end of stream/i.test(text);
    if (!expectedCut) {
      throw new FitParseError(
        UNSUPPORTED,
        "This FIT file is laid out in a way the FIT decoder Stridewise uses cannot read yet, so it was not imported rather than read wrongly.",
      );
    }
  }
  return { messages, segment };
}
