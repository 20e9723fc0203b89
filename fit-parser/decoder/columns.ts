import { FitParseError } from "../errors.ts";

/** The record fields Stridewise reads, one column each; scale and offset applied, NaN where the file holds none. */
export const RECORD_COLUMNS = [
  "timestamp",
  "distance",
  "speed",
  "altitude",
  "heartRate",
  "cadence",
  "fractionalCadence",
  "cadence256",
  "positionLat",
  "positionLong",
  "stepLength",
  "verticalOscillation",
  "verticalRatio",
  "stanceTime",
] as const;

export type RecordColumnName = (typeof RECORD_COLUMNS)[number];

/**
 * Record messages of one segment, in file order, as columns. `timestamp` is seconds since the FIT epoch; `speed` and
 * `altitude` are the enhanced values when the file has them (as the SDK's enhancedSpeed/enhancedAltitude); distance
 * in m, step length and vertical oscillation in mm, stance time in ms, positions in semicircles. Bit `1 << COL[c]`
 * of `mayStray` is set when column c may hold a value outside its AS_IS range (plausible.ts); every writer of a
 * column keeps it so, and a column without the bit is copied into the samples as it is.
 */
export type RecordColumns = { count: number; mayStray: number } & Record<RecordColumnName, Float64Array>;

/** mayStray for columns written by code that does not look at the values: every column checked. */
export const ALL_MAY_STRAY = (1 << 16) - 1;

export const COL: Record<RecordColumnName, number> = Object.fromEntries(
  RECORD_COLUMNS.map((name, i) => [name, i]),
) as Record<RecordColumnName, number>;

// The all-NaN columns finish() hands out for fields no record held, so readers can skip them.
const neverWritten = new WeakSet<Float64Array>();

/** True for a column of a decoded segment that no record wrote to (every value NaN). */
export function isNeverWritten(col: Float64Array): boolean {
  return neverWritten.has(col);
}

/** Rows past which a column is not kept for reuse: a day-long 1 s recording (86,400 rows, 0.7 MB a column) fits. */
const MAX_POOLED_ROWS = 1 << 17;

/**
 * Column buffers kept from one decode for the next. parseFit turns each segment's records into samples before it
 * decodes the next, so fresh zeroed buffers (allocated, filled with NaN, then collected) were pure overhead.
 */
export class ColumnPool {
  /** One spare per column, and one for the shared all-NaN column. */
  private readonly spare: (Float64Array | null)[] = [...RECORD_COLUMNS, "none"].map(() => null);

  /** A view of `length` doubles for column `i` (the shared NaN column is index RECORD_COLUMNS.length). */
  take(i: number, length: number): Float64Array {
    if (length > MAX_POOLED_ROWS) return new Float64Array(length);
    let buf = this.spare[i];
    if (buf === null || buf === undefined || buf.length < length) {
      // Some headroom, so that a slightly longer run does not allocate again.
      buf = new Float64Array(Math.min(MAX_POOLED_ROWS, Math.max(length, 1024, (buf?.length ?? 0) * 1.5)));
      this.spare[i] = buf;
    }
    return buf.subarray(0, length);
  }
}

let tables = 0;

/** Growable columns: each row appended is then written whole by the reader of its record (see RecordPlan). */
export class ColumnTable {
  /** Tells tables apart without holding on to them. */
  readonly id = ++tables;
  /** Columns no definition has written to yet stay unallocated (many files have no positions or dynamics). */
  cols: (Float64Array | null)[];
  count = 0;
  /** RecordColumns.mayStray: whoever writes into `cols` sets the bit of a column it wrote a stray value to. */
  mayStray = 0;
  /** The columns allocated, one bit each: a reader binds again when it changes. */
  columnSet = 0;
  private capacity: number;

  /**
   * With a pool, the columns reuse its buffers: valid only until the pool's next decode. A row past `maxRows` is
   * refused with too-many-records (the cap rides on the capacity check every row makes anyway).
   */
  constructor(
    capacity = 1024,
    private readonly pool: ColumnPool | null = null,
    private readonly maxRows = Number.POSITIVE_INFINITY,
  ) {
    this.capacity = Math.min(Math.max(16, capacity), maxRows);
    this.cols = RECORD_COLUMNS.map(() => null);
    this.use(COL.timestamp);
  }

  private alloc(i: number, length: number): Float64Array {
    return this.pool === null ? new Float64Array(length) : this.pool.take(i, length);
  }

  /**
   * Makes sure column `i` exists before a reader writes to it; rows added before it existed read NaN. Later rows
   * are for their readers to write (the buffer may hold an earlier file's values).
   */
  use(i: number): Float64Array {
    let col = this.cols[i];
    if (col === null || col === undefined) {
      col = this.alloc(i, this.capacity).fill(Number.NaN, 0, this.count);
      this.cols[i] = col;
      this.columnSet |= 1 << i;
    }
    return col;
  }

  /** Room for at least n rows (a guess from the first record definition, to avoid growing row by row). */
  reserve(n: number): void {
    if (n > this.capacity) this.resize(Math.min(Math.ceil(n), this.maxRows));
  }

  /** Appends an empty row and returns its index. */
  addRow(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  private grow(): void {
    if (this.capacity >= this.maxRows) throw new FitParseError("too-many-records");
    this.resize(Math.min(Math.max(this.capacity * 2, 16), this.maxRows));
  }

  private resize(next: number): void {
    this.cols = this.cols.map((old, i) => {
      if (old === null) return null;
      // A pooled buffer may hand back the same memory: set() copies overlapping views correctly.
      const col = this.alloc(i, next);
      col.set(old.subarray(0, this.count));
      return col;
    });
    this.capacity = next;
  }

  /** The columns, trimmed to the rows; columns never written share one read-only NaN column. */
  finish(): RecordColumns {
    const out: Record<string, Float64Array | number> = { count: this.count, mayStray: this.mayStray };
    let none: Float64Array | null = null;
    RECORD_COLUMNS.forEach((name, i) => {
      const col = this.cols[i];
      out[name] = col
        ? col.subarray(0, this.count)
        : (none ??= this.alloc(RECORD_COLUMNS.length, this.count).fill(Number.NaN));
    });
    if (none !== null) neverWritten.add(none);
    return out as RecordColumns;
  }
}
