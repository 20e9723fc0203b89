// The code the benchmark drives, bundled by scripts/bench.mjs with esbuild (the bench itself is plain Node).
import { Decoder, Stream } from "@garmin/fitsdk";
import FitFileParser from "fit-file-parser";
import { decodeSegmentData } from "../fit-parser/decoder/decode.ts";
import { encodeActivity } from "../fit-parser/encode.ts";
import { parseFit } from "../fit-parser/index.ts";
import { parseFitWithSdk } from "../fit-parser/sdk-parse.ts";
import { walkSegments } from "../fit-parser/segments.ts";
import { encodeGeneratedRun } from "../server/demo/encode-run.ts";
import { generateHistory } from "../server/demo/history.ts";
import { toCoreRun } from "../server/app/analysis/runs-source.ts";
import type { Run } from "../server/core/types.ts";
import type { Activity } from "../fit-parser/types.ts";

export { parseFit, parseFitWithSdk };
export { computeInsights, analyseRunCadence } from "../server/core/insights.ts";
export { fitCadenceModel } from "../server/core/cadence-model.ts";
export { runTrendPoint, trendReferenceSpeed } from "../server/core/trends.ts";

/** A parsed running session as the analysis core reads it (as the app's toCoreRun does for a stored one). */
export function coreRun(activity: Activity, id: number): Run {
  return toCoreRun({ ...activity, id });
}
export { fitCrc } from "../fit-parser/decoder/crc.ts";
export { autoThreads } from "../server/app/import/engine/engine.ts";

/** Our decoder alone: segments walked and CRC-checked, records into columns. Returns the record count. */
export function decodeOurs(bytes: Uint8Array): number {
  let records = 0;
  for (const segment of walkSegments(bytes).segments)
    records += decodeSegmentData(bytes, segment).records.count;
  return records;
}

/** @garmin/fitsdk's Decoder.read() with its default options. Returns the record count. */
export function decodeSdk(bytes: Uint8Array): number {
  const { messages } = new Decoder(Stream.fromByteArray(bytes)).read();
  return messages.recordMesgs?.length ?? 0;
}

/**
 * The npm package fit-file-parser's `parse()` with its default options (mode "list", force true: no CRC check).
 * Returns the record count; throws when it reports an error. Its callback runs before `parse()` returns, so this is
 * timed like the SDK; it reads only the first FIT file of a chained file.
 */
export function decodeFitFileParser(bytes: Uint8Array): number {
  let result: { error: string | undefined; records: number } | undefined;
  // Typed for Buffer or ArrayBuffer, but it reads any Uint8Array view (buffer, byteOffset, byteLength).
  new FitFileParser().parse(bytes as Buffer<ArrayBuffer>, (error, data) => {
    result = { error, records: data?.records?.length ?? 0 };
  });
  if (result === undefined) throw new Error("fit-file-parser's parse() did not call back synchronously");
  if (result.error !== undefined) throw new Error(`fit-file-parser: ${result.error}`);
  return result.records;
}

/** The seeded multi-year history the benchmarks use, long enough for `count` runs (about 3 a week). */
function history(count: number, withSeries: boolean) {
  return generateHistory({
    seed: 2026,
    weeks: Math.ceil(count / 3) + 1,
    endDate: "2026-11-22",
    scenario: "spikes",
    sampleIntervalS: 1,
    utcOffsetS: 3600,
    withSeries,
  });
}

/** The pain log of that history: entries carry only dates, so they line up with the runs parsed from its files. */
export function historyPain(count: number) {
  return history(count, false).pain;
}

/** The first `count` runs of the history (1 s recording), each encoded as a FIT file. */
export function* historyFiles(count: number): Generator<Uint8Array> {
  const generated = history(count, true);
  for (const run of generated.runs.slice(0, count)) {
    if (run.series) yield encodeGeneratedRun(run, { serialNumber: 3_999_000_002 });
  }
}

/** Run i of a folder of one-hour runs at 1 s, one a day, with GPS, altitude and running dynamics. */
export function hourRun(i: number): Uint8Array {
  const wobble = (t: number, period: number): number => Math.sin(t / period + i);
  return encodeActivity({
    start: Date.UTC(2024, 0, 1, 6, 30) + i * 86_400_000,
    durationS: 3600,
    utcOffsetS: 3600,
    device: { manufacturer: "garmin", product: 3113, serialNumber: 3_999_000_003 },
    samples: {
      speedMps: (t) => 3 + 0.3 * wobble(t, 90),
      cadenceSpm: (t) => 170 + 4 * wobble(t, 70),
      heartRateBpm: (t) => 140 + t / 200,
      altitudeM: (t) => 50 + 20 * wobble(t, 400),
      position: (_t, d) => ({ latDeg: 45 + d / 111_000, lonDeg: 7 + i / 1000 }),
      stepLengthM: (t) => 1.05 + 0.05 * wobble(t, 60),
      verticalOscillationMm: () => 84,
      verticalRatioPct: () => 8,
      stanceTimeMs: () => 248,
    },
  });
}
