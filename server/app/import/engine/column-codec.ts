/**
 * Numeric columns held in fewer bytes, exactly: unpacking gives back every value bit for bit (a NaN comes
 * back as NaN). A long import keeps every run's prepared samples until its analysis (PACK_FROM_FILES), and on
 * this machine fresh memory costs about 12 µs a page: at 45 bytes a sample, ten years of runs filled 311 MiB.
 *
 * A column's values are tried as integers over a scale (seconds, 1/128 spm, mm/s), stored as steps when they
 * climb (times) or as small values; else as 32-bit floats when every value is one; else kept as they are.
 */

/** The typed arrays a column can be unpacked into: the kinds a prepared run holds. */
export type Column = Float64Array | Int32Array | Uint8Array;

type Stored = Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array;

export interface PackedColumn {
  /** What it unpacks into. */
  type: "f64" | "i32" | "u8";
  length: number;
  /**
   * `scale` 0: the values themselves. Else integers q, each value q / scale: stored as they are, or with
   * `steps` as the differences from one to the next, after `first`.
   */
  scale: number;
  steps: boolean;
  first: number;
  data: Stored;
}

// Seconds; cadence in 1/128 spm (the parser's 1/64, and the mean of two in a rolling median); mm/s.
const SCALES = [1, 128, 1000];
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

// Integers of the column being packed, reused from column to column.
let scratch = new Int32Array(4096);

/** What one pass over a column's integers found: their range, and the largest step if they never fall. */
interface Shape {
  min: number;
  max: number;
  climbs: boolean;
  maxStep: number;
}

/**
 * The column as integers q with q / scale === value for every value, in `scratch`, and their shape; null if
 * it is not. One pass: this runs over every sample an import keeps.
 */
function quantise(values: Column, scale: number): Shape | null {
  // A power of two scales exactly: q / scale === x is then q === x * scale, an integer (no division).
  const exact = scale === 1 || scale === 128;
  const out = scratch;
  let min = Infinity;
  let max = -Infinity;
  let maxStep = 0;
  let climbs = true;
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    let q: number;
    if (exact) {
      // `| 0` leaves an integer of 32 bits as it is; NaN, infinities and larger values come out different.
      const y = x * scale;
      q = y | 0;
      if (q !== y) return null;
    } else {
      q = Math.round(x * scale);
      if (q / scale !== x || q < INT32_MIN || q > INT32_MAX) return null;
    }
    // −0 would come back as 0.
    if (q === 0 && 1 / x < 0) return null;
    out[i] = q;
    if (q < min) min = q;
    if (q > max) max = q;
    if (i > 0) {
      if (q < previous) climbs = false;
      else if (q - previous > maxStep) maxStep = q - previous;
    }
    previous = q;
  }
  return { min, max, climbs, maxStep };
}

function typeOf(values: Column): PackedColumn["type"] {
  if (values instanceof Float64Array) return "f64";
  return values instanceof Int32Array ? "i32" : "u8";
}

/** Integers in `scratch[0..n)` in the smallest container: as values, or as steps when they never fall. */
function packIntegers(n: number, type: PackedColumn["type"], scale: number, shape: Shape): PackedColumn {
  const { min, max, climbs, maxStep } = shape;
  const base = { type, length: n, scale, first: scratch[0] ?? 0 };
  const ints = scratch.subarray(0, n);
  if (min >= 0 && max <= 0xff) return { ...base, steps: false, data: copyOf(ints, new Uint8Array(n)) };
  if (climbs && maxStep <= 0xff) return { ...base, steps: true, data: stepsOf(ints, new Uint8Array(n)) };
  if (min >= 0 && max <= 0xffff) return { ...base, steps: false, data: copyOf(ints, new Uint16Array(n)) };
  if (climbs && maxStep <= 0xffff) return { ...base, steps: true, data: stepsOf(ints, new Uint16Array(n)) };
  return { ...base, steps: false, data: ints.slice() };
}

function copyOf<T extends Uint8Array | Uint16Array>(ints: Int32Array, out: T): T {
  for (let i = 0; i < ints.length; i++) out[i] = ints[i] as number;
  return out;
}

function stepsOf<T extends Uint8Array | Uint16Array>(ints: Int32Array, out: T): T {
  for (let i = 1; i < ints.length; i++) out[i] = (ints[i] as number) - (ints[i - 1] as number);
  return out;
}

/** The values as 32-bit floats, if every one is one (a NaN stays NaN); else null, found before any copy. */
function asFloat32(values: Column): Float32Array | null {
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (Math.fround(x) !== x && x === x) return null;
  }
  const out = new Float32Array(values.length);
  out.set(values);
  return out;
}

/**
 * The column in as few bytes as hold it exactly; `compact` false, as it is (no time spent). A column kept as
 * it is is the same array, and unpacks as that array: the caller hands over a column it no longer changes.
 */
export function packColumn(values: Column, compact = true): PackedColumn {
  const type = typeOf(values);
  const n = values.length;
  // Bytes already (flags): nothing smaller.
  if (type === "u8" || !compact) return { type, length: n, scale: 0, steps: false, first: 0, data: values };
  if (scratch.length < n) scratch = new Int32Array(n * 2);
  for (const scale of type === "f64" ? SCALES : [1]) {
    const shape = quantise(values, scale);
    if (shape) return packIntegers(n, type, scale, shape);
  }
  const kept = { type, length: n, scale: 0, steps: false, first: 0 };
  return { ...kept, data: (type === "f64" && asFloat32(values)) || values };
}

function newColumn(type: PackedColumn["type"], n: number): Column {
  return type === "f64" ? new Float64Array(n) : type === "i32" ? new Int32Array(n) : new Uint8Array(n);
}

/** The column's values: the array it was kept as, or a new array. */
export function unpackColumn(packed: PackedColumn): Column {
  const { length: n, scale, data } = packed;
  // Values kept as they are (scale 0) are the column itself, unless narrowed to 32-bit floats.
  if (scale === 0 && !(data instanceof Float32Array)) return data as Column;
  const out = newColumn(packed.type, n);
  if (packed.steps) {
    let q = packed.first;
    out[0] = q / scale;
    for (let i = 1; i < n; i++) {
      q += data[i] as number;
      out[i] = q / scale;
    }
  } else if (scale > 1) {
    for (let i = 0; i < n; i++) out[i] = (data[i] as number) / scale;
  } else {
    out.set(data);
  }
  return out;
}
