import { gzipSync } from "node:zlib";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeActivity } from "../../fit-parser/encode.ts";

export interface RunOptions {
  start?: string;
  serial?: number | null;
  durationS?: number;
  speedMps?: number;
  /** Changes the bytes without changing the activity (a re-export with a different heart-rate strap). */
  heartRateBpm?: number;
  sport?: string;
}

/** A small FIT run from the SDK encoder. */
export function encodeRun(opts: RunOptions = {}): Uint8Array {
  const serial = opts.serial === undefined ? 3_900_000_001 : opts.serial;
  const speed = opts.speedMps ?? 3;
  const device =
    serial === null ? { manufacturer: "development" } : { manufacturer: "garmin", serialNumber: serial };
  return encodeActivity({
    start: new Date(opts.start ?? "2025-05-04T07:00:00.000Z"),
    durationS: opts.durationS ?? 300,
    utcOffsetS: 7200,
    sport: opts.sport ?? "running",
    device,
    samples: { speedMps: () => speed, cadenceSpm: () => 172, heartRateBpm: () => opts.heartRateBpm ?? 140 },
  });
}

export function gzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytes));
}

/** A fresh temporary folder under the OS temp dir; remove() deletes it. */
export function tempDir(prefix = "stridewise-test-"): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
