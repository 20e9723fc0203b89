import { encodeActivity } from "../../fit-parser/encode.ts";
import type { StandInActivity } from "./intervals-stand-in.ts";

/** A short FIT run (10-minute, a record every 10 s: quick to encode by the hundred). */
export function smallRun(
  start: Date,
  opts: {
    serial?: number;
    heartRateBpm?: number;
    speedMps?: number;
    cadenceSpm?: number;
    durationS?: number;
  } = {},
): Uint8Array {
  return encodeActivity({
    start,
    durationS: opts.durationS ?? 600,
    utcOffsetS: 3600,
    sport: "running",
    device: { manufacturer: "garmin", product: 3113, serialNumber: opts.serial ?? 3_912_345_678 },
    recordIntervalS: 10,
    samples: {
      speedMps: () => opts.speedMps ?? 3,
      cadenceSpm: () => opts.cadenceSpm ?? 170,
      heartRateBpm: () => opts.heartRateBpm ?? 140,
    },
  });
}

/** `n` daily runs from `firstDay` (YYYY-MM-DD) at 07:00 UTC, alternately gzipped and plain, as intervals.icu lists them. */
export function dailyRuns(n: number, firstDay: string, idFrom = 1): StandInActivity[] {
  const out: StandInActivity[] = [];
  const t0 = Date.parse(`${firstDay}T07:00:00.000Z`);
  for (let i = 0; i < n; i++) {
    const start = new Date(t0 + i * 86_400_000);
    const local = new Date(start.getTime() + 3_600_000).toISOString().slice(0, 19);
    out.push({ id: `i${idFrom + i}`, startDateLocal: local, fit: smallRun(start), gzip: i % 2 === 0 });
  }
  return out;
}
