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
 * in m, step length and vertical oscillation in mm, stance time in ms, positions in semicircles.
 */
export type RecordColumns = { count: number } & Record<RecordColumnName, Float64Array>;

export const COL: Record<RecordColumnName, number> = Object.fromEntries(
  RECORD_COLUMNS.map((name, i) => [name, i]),
) as Record<RecordColumnName, number>;

/** Growable columns: rows are appended NaN-filled, then written by a definition's reader. */
export class ColumnTable {
  /** Columns no definition has written to yet stay unallocated (many files have no positions or dynamics). */
  cols: (Float64Array | null)[];
  count = 0;
  private capacity: number;

  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    this.cols = RECORD_COLUMNS.map(() => null);
    this.use(COL.timestamp);
  }

  /** Makes sure column `i` exists (NaN-filled) before a reader writes to it. */
  use(i: number): Float64Array {
    let col = this.cols[i];
    if (col === null || col === undefined) {
      col = new Float64Array(this.capacity).fill(Number.NaN);
      this.cols[i] = col;
    }
    return col;
  }

  /** Room for at least n rows (a guess from the first record definition, to avoid growing row by row). */
  reserve(n: number): void {
    if (n > this.capacity) this.resize(Math.ceil(n));
  }

  /** Appends an empty row and returns its index. */
  addRow(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  private grow(): void {
    this.resize(this.capacity * 2);
  }

  private resize(next: number): void {
    this.cols = this.cols.map((old) => {
      if (old === null) return null;
      const col = new Float64Array(next);
      col.set(old.subarray(0, this.count));
      col.fill(Number.NaN, this.count);
      return col;
    });
    this.capacity = next;
  }

  /** The columns, trimmed to the rows; columns never written share one read-only NaN column. */
  finish(): RecordColumns {
    const out: Record<string, Float64Array | number> = { count: this.count };
    let none: Float64Array | null = null;
    RECORD_COLUMNS.forEach((name, i) => {
      const col = this.cols[i];
      out[name] = col
        ? col.subarray(0, this.count)
        : (none ??= new Float64Array(this.count).fill(Number.NaN));
    });
    return out as RecordColumns;
  }
}
