import { FitBytes, T2024 } from "../reliability/crafted.ts";

// Records whose every stored column holds values outside its plausible range, at its edges and inside it, as
// float64 fields (the profile's integers cannot hold 1e306 or -Infinity): what the plausibility check must catch.

const U8 = 0x02;
const U32 = 0x86;
const F64 = 0x89;
const ENUM = 0x00;

/** Record fields written as float64, with the value in the profile's units times its scale (as a watch stores). */
const FIELDS = [
  { num: 5, scale: 100 }, // distance, m
  { num: 6, scale: 1000 }, // speed, m/s
  { num: 2, scale: 5, offset: 500 }, // altitude, m
  { num: 85, scale: 10 }, // step length, mm
  { num: 39, scale: 10 }, // vertical oscillation, mm
  { num: 83, scale: 100 }, // vertical ratio, %
  { num: 41, scale: 10 }, // stance time, ms
] as const;

/** Per column, values a record cycles through: real readings, edges (float32 rounding included) and nonsense. */
const VALUES: readonly (readonly number[])[] = [
  [1e306, 2_000_000, 2_000_000.01, Number.POSITIVE_INFINITY, -3, Number.NaN],
  [3, 60, 60.000001, 60.01, 0, -0.5, 1.67e303, Number.NaN, -Number.POSITIVE_INFINITY, 2.9],
  [40, -500, -500.2, 9_000, 9_000.5, 1e9, Number.NaN, 12],
  [1100, 5000, 5000.001, 6000, 0, -1, 900],
  [80, 500, 500.5, 0, 1e30, 75],
  [8, 100, 100.00001, 250, -2, 7.5],
  [250, 5000, 5001, 1e12, 0, 240],
];

function f64(v: number): number[] {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v);
  return [...b];
}

/** Seconds of each record: in order, or shuffled with repeats (the parser sorts them and keeps the first of each). */
function times(count: number, shuffled: boolean): number[] {
  const ts = Array.from({ length: count }, (_, i) => i);
  if (!shuffled) return ts;
  return ts.map((t) => (t % 3 === 0 ? count - t : t % 11 === 0 ? t - 1 : t));
}

/**
 * A 200-record run whose columns hold out-of-range values; with `session`, a running session that names no
 * totals (they come from the samples); `shuffled` records out of time order, some repeated.
 */
export function hostileSamples(opts: { session: boolean; shuffled: boolean }): Uint8Array {
  const count = 200;
  const f = new FitBytes().activityHeader();
  f.define(0, 20, [
    [253, 4, U32],
    [3, 1, U8],
    [4, 1, U8],
    ...FIELDS.map(({ num }) => [num, 8, F64] as const),
  ]);
  times(count, opts.shuffled).forEach((t, i) => {
    // Heart rate 0 and 255 (invalid) among real ones; cadence in strides/min, 0 standing, 254 nonsense.
    f.bytes([0])
      .u32(T2024 + t)
      .bytes([[150, 0, 255, 1][i % 4] ?? 150, [85, 0, 254, 86][i % 4] ?? 85]);
    FIELDS.forEach((field, k) => {
      const column = VALUES[k] ?? [];
      // Distance climbs 3 m a record, with a nonsense value every 9th; other columns cycle through theirs.
      const pick = k === 0 ? Math.floor(i / 9) : i * 13 + k;
      const v = k === 0 && i % 9 !== 4 ? 3 * i : (column[pick % column.length] ?? 0);
      const offset = "offset" in field ? field.offset : 0;
      f.bytes(f64((v + offset) * field.scale));
    });
  });
  if (opts.session) {
    f.define(1, 18, [
      [253, 4, U32],
      [2, 4, U32],
      [5, 1, ENUM],
    ]);
    f.bytes([1])
      .u32(T2024 + count)
      .u32(T2024)
      .bytes([1]);
  }
  return f.file();
}
