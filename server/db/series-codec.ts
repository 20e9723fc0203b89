import type { Samples } from "../../fit-parser/types.ts";

// Blobs are little-endian whatever the host, so a data folder moves between machines.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Column = Exclude<keyof Samples, "count">;
type Kind = "f32" | "f64";

/** Each Samples column, its SQL column and its element type; the order is the table's. */
export const SERIES_COLUMNS: readonly { key: Column; sql: string; kind: Kind }[] = [
  { key: "timeS", sql: "time_s", kind: "f64" },
  { key: "distanceM", sql: "distance_m", kind: "f64" },
  { key: "speedMps", sql: "speed_mps", kind: "f32" },
  { key: "cadenceSpm", sql: "cadence_spm", kind: "f32" },
  { key: "heartRateBpm", sql: "heart_rate_bpm", kind: "f32" },
  { key: "altitudeM", sql: "altitude_m", kind: "f32" },
  { key: "latDeg", sql: "lat_deg", kind: "f64" },
  { key: "lonDeg", sql: "lon_deg", kind: "f64" },
  { key: "stepLengthM", sql: "step_length_m", kind: "f32" },
  { key: "verticalOscillationMm", sql: "vertical_oscillation_mm", kind: "f32" },
  { key: "verticalRatioPct", sql: "vertical_ratio_pct", kind: "f32" },
  { key: "stanceTimeMs", sql: "stance_time_ms", kind: "f32" },
];

/** Little-endian bytes of a column, or null when it holds no value at all (time is always kept). */
export function encodeColumn(values: Float32Array | Float64Array, keepEmpty: boolean): Buffer | null {
  if (!keepEmpty && values.every((v) => Number.isNaN(v))) return null;
  if (HOST_IS_LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.alloc(values.byteLength);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const f32 = values instanceof Float32Array;
  values.forEach((v, i) => (f32 ? view.setFloat32(i * 4, v, true) : view.setFloat64(i * 8, v, true)));
  return out;
}

/** The typed column back from its blob; a NULL blob is a column of NaN. */
export function decodeColumn(
  blob: Uint8Array | null,
  kind: Kind,
  count: number,
): Float32Array | Float64Array {
  const size = kind === "f32" ? 4 : 8;
  const out = kind === "f32" ? new Float32Array(count) : new Float64Array(count);
  if (blob === null) return out.fill(NaN);
  if (blob.byteLength !== count * size) {
    throw new Error(`A stored series column holds ${blob.byteLength} bytes, expected ${count * size}.`);
  }
  if (HOST_IS_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(blob);
    return out;
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = 0; i < count; i++)
    out[i] = size === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  return out;
}

/** Samples → the values for an activity_series row, in SERIES_COLUMNS order. */
export function encodeSamples(samples: Samples): (Buffer | null)[] {
  return SERIES_COLUMNS.map((c) => encodeColumn(samples[c.key], c.key === "timeS"));
}

/** An activity_series row → Samples. */
export function decodeSamples(row: Record<string, unknown>, count: number): Samples {
  const samples: Record<string, unknown> = { count };
  for (const c of SERIES_COLUMNS)
    samples[c.key] = decodeColumn(row[c.sql] as Uint8Array | null, c.kind, count);
  return samples as unknown as Samples;
}
