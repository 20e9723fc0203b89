import { encodeActivity, type Series } from "../../fit-parser/encode.ts";
import type { Run } from "../core/types.ts";

/** A column of a generated run as the encoder reads it: the sample at or before second t. */
function column(timeS: ArrayLike<number>, values: ArrayLike<number>): Series {
  return (t: number) => {
    let lo = 0;
    let hi = timeS.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((timeS[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return values[lo] as number;
  };
}

export interface EncodeRunOptions {
  serialNumber: number;
  /** Seconds between records (default 1). */
  recordIntervalS?: number;
  subSport?: string;
}

/** A generated run (with its series) written as a FIT file from a Garmin watch, as the demo and bench import it. */
export function encodeGeneratedRun(run: Run, opts: EncodeRunOptions): Uint8Array {
  const s = run.series;
  if (!s) throw new Error("only generated runs with series can be encoded");
  return encodeActivity({
    start: Date.parse(run.startUtc),
    durationS: Math.floor(s.timeS[s.timeS.length - 1] ?? 0),
    utcOffsetS: run.utcOffsetS ?? 3600,
    sport: "running",
    ...(opts.subSport !== undefined && { subSport: opts.subSport }),
    device: { manufacturer: "garmin", product: 3113, serialNumber: opts.serialNumber },
    ...(opts.recordIntervalS !== undefined && { recordIntervalS: opts.recordIntervalS }),
    samples: {
      speedMps: column(s.timeS, s.speedMps),
      cadenceSpm: column(s.timeS, s.cadenceSpm),
      heartRateBpm: column(s.timeS, s.heartRateBpm),
      stepLengthM: column(s.timeS, s.stepLengthM),
      verticalOscillationMm: column(s.timeS, s.verticalOscillationMm),
      verticalRatioPct: column(s.timeS, s.verticalRatioPct),
      stanceTimeMs: column(s.timeS, s.stanceTimeMs),
    },
  });
}
