import { Kind, readOne } from "./base-types.ts";
import type { BaseType } from "./base-types.ts";
import { COL } from "./columns.ts";
import type { ColumnTable, RecordColumnName } from "./columns.ts";
import { MESG, profileMesg, scalar } from "./profile.ts";
import { AS_IS } from "../plausible.ts";
import type { Range } from "../plausible.ts";

/**
 * Which record field fills which column. Later entries win when both are valid: the SDK expands `speed` into
 * `enhancedSpeed` (and `altitude` into `enhancedAltitude`) over a directly written enhanced value.
 */
const SOURCES: readonly [field: string, column: RecordColumnName][] = [
  ["timestamp", "timestamp"],
  ["positionLat", "positionLat"],
  ["positionLong", "positionLong"],
  ["enhancedAltitude", "altitude"],
  ["altitude", "altitude"],
  ["heartRate", "heartRate"],
  ["cadence", "cadence"],
  ["fractionalCadence", "fractionalCadence"],
  ["cadence256", "cadence256"],
  ["distance", "distance"],
  ["enhancedSpeed", "speed"],
  ["speed", "speed"],
  ["stepLength", "stepLength"],
  ["verticalOscillation", "verticalOscillation"],
  ["verticalRatio", "verticalRatio"],
  ["stanceTime", "stanceTime"],
];

interface Source {
  column: number;
  priority: number;
  scale: number;
  offset: number;
  /** The column's AS_IS range, or null: a value outside sets the column's mayStray bit. */
  asIs: Range | null;
}

const RECORD_FIELDS = Object.values(profileMesg(MESG.record)?.fields ?? {});

function sourcesByFieldNum(): Map<number, Source> {
  const out = new Map<number, Source>();
  SOURCES.forEach(([name, column], priority) => {
    const f = RECORD_FIELDS.find((x) => x.name === name);
    if (f === undefined) return;
    out.set(f.num, {
      column: COL[column],
      priority,
      scale: scalar(f.scale, 1),
      offset: scalar(f.offset, 0),
      asIs: AS_IS[column] ?? null,
    });
  });
  return out;
}

const BY_FIELD = sourcesByFieldNum();
const CSD = RECORD_FIELDS.find((f) => f.name === "compressedSpeedDistance");
const CSD_SPEED_SCALE = Array.isArray(CSD?.scale) ? (CSD.scale[0] ?? 100) : 100;
const CSD_DISTANCE_SCALE = Array.isArray(CSD?.scale) ? (CSD.scale[1] ?? 16) : 16;
const SPEED_AS_IS: Range = AS_IS.speed ?? [Number.NaN, Number.NaN];

/** Per-segment state shared by the record readers: the running distance of compressed speed/distance fields. */
export interface RecordState {
  distanceTotal: number;
  distanceLast: number;
}

/** Reads one record's fields into row `row` of the columns; returns the mayStray bits of the values it wrote. */
type RowReader = (dv: DataView, base: number, cols: Float64Array[], row: number) => number;

const GETTERS: Record<number, string> = {
  [Kind.U8]: "getUint8",
  [Kind.S8]: "getInt8",
  [Kind.U16]: "getUint16",
  [Kind.S16]: "getInt16",
  [Kind.U32]: "getUint32",
  [Kind.S32]: "getInt32",
  [Kind.F32]: "getFloat32",
  [Kind.F64]: "getFloat64",
};

interface Op {
  src: Source;
  at: number;
  bt: BaseType;
  /** The first write to its column in a record: writes NaN when the value is invalid (rows are not prefilled). */
  first: boolean;
}

/**
 * One statement per field: read, compare with the sentinel, scale, and for an AS_IS column note a value outside
 * its range. Only numbers from our own tables go in (String() of a number reads back as the same number).
 */
function statement(op: Op, le: boolean): string {
  const get = GETTERS[op.bt.kind] ?? "getUint8";
  const read = op.bt.size === 1 ? `dv.${get}(base + ${op.at})` : `dv.${get}(base + ${op.at}, ${le})`;
  const valid = Number.isNaN(op.bt.invalid) ? "v === v" : `v !== ${op.bt.invalid}`;
  const { scale, offset, column, asIs } = op.src;
  const value = scale === 1 && offset === 0 ? "v" : `v / ${scale} - ${offset}`;
  const otherwise = op.first ? ` else c${column}[row] = NaN;` : "";
  if (asIs === null) return `v = ${read}; if (${valid}) c${column}[row] = ${value};${otherwise}`;
  const stray = `if (!(x >= ${String(asIs[0])} && x <= ${String(asIs[1])})) stray |= ${1 << column};`;
  return `v = ${read}; if (${valid}) { const x = ${value}; c${column}[row] = x; ${stray} }${otherwise}`;
}

// Definitions repeat within and across files (a watch writes the same few): one compiled reader per layout,
// at most MAX_READERS of them (a crafted file of 20,000 layouts kept 17.5 MB of readers alive for good).
const readers = new Map<string, RowReader>();
const MAX_READERS = 256;

/** Compiled readers held right now (bounded by MAX_READERS), for tests. */
export function heldReaders(): number {
  return readers.size;
}

function generated(source: string): RowReader | null {
  try {
    return (new Function(source) as () => RowReader)();
  } catch {
    return null; // node --disallow-code-generation-from-strings: fall back to the loop
  }
}

/** The same reader as a loop over the fields: slower, for runtimes that forbid generated code. */
function loopReader(ops: readonly Op[], le: boolean): RowReader {
  return (dv, base, cols, row) => {
    let stray = 0;
    for (const op of ops) {
      const v = readOne(dv, base + op.at, op.bt.kind, le);
      const col = cols[op.src.column];
      if (col === undefined) continue;
      if (v !== v || v === op.bt.invalid) {
        if (op.first) col[row] = Number.NaN;
        continue;
      }
      const x = v / op.src.scale - op.src.offset;
      col[row] = x;
      const asIs = op.src.asIs;
      if (asIs !== null && !(x >= asIs[0] && x <= asIs[1])) stray |= 1 << op.src.column;
    }
    return stray;
  };
}

/** A straight-line reader for this layout, built once with `new Function` so V8 sees constants, not a loop. */
function compileReader(ops: readonly Op[], le: boolean): RowReader {
  const body = ops.map((op) => statement(op, le)).join("\n");
  let reader = readers.get(body);
  if (reader === undefined) {
    const cols = [...new Set(ops.map((op) => op.src.column))];
    const source = `return function readRow(dv, base, cols, row) {
      ${cols.map((c) => `const c${c} = cols[${c}];`).join(" ")}
      let v;
      let stray = 0;
      ${body}
      return stray;
    };`;
    reader = generated(source) ?? loopReader(ops, le);
    if (readers.size >= MAX_READERS) readers.clear();
    readers.set(body, reader);
  }
  return reader;
}

/**
 * A record definition compiled once: which columns it fills and a reader made for its layout. Every row is
 * written whole (NaN where the record holds no value, in columns it lacks too), so no column is prefilled with
 * NaN: filling every column of every file cost about 5% of a parse.
 */
export class RecordPlan {
  /** Columns every record of this layout writes. */
  private readonly covers: number[];
  private readonly readRow: RowReader;
  /** Offset of compressed_speed_distance in the message, or -1. */
  private readonly csd: number;
  /** The id of the table this plan last read into (plans are cached across files: an id keeps no table alive). */
  private boundTo = -1;
  /** The table's column set when bound, and the columns of it this layout lacks (written NaN each row). */
  private boundColumns = -1;
  private gaps: number[] = [];

  constructor(fields: readonly { num: number; at: number; size: number; bt: BaseType }[], le: boolean) {
    const ops: Op[] = [];
    let csd = -1;
    for (const f of fields) {
      if (f.num === CSD?.num && f.size === 3) csd = f.at;
      const src = BY_FIELD.get(f.num);
      // A size that is not a whole number of values is invalid (as in the SDK); extra values are not read.
      if (src === undefined || f.size % f.bt.size !== 0 || f.bt.kind === Kind.Str || f.bt.kind === Kind.Skip)
        continue;
      ops.push({ src, at: f.at, bt: f.bt, first: false });
    }
    // Lower priority first: a later valid value overwrites (speed over enhanced_speed, as the SDK expands it).
    ops.sort((a, b) => a.src.priority - b.src.priority);
    // compressed_speed_distance is read before the fields, so it writes speed and distance first.
    const written = new Set<number>(csd >= 0 ? [COL.speed, COL.distance] : []);
    for (const op of ops) {
      op.first = !written.has(op.src.column);
      written.add(op.src.column);
    }
    this.covers = [...written];
    this.readRow = compileReader(ops, le);
    this.csd = csd;
  }

  /**
   * Reads one record at `base` into a new row, with `headerTs` as its time when it holds none; returns the row.
   * Not the time: a timestamp is not a small integer, so returning one would allocate a heap number per record.
   */
  read(dv: DataView, base: number, table: ColumnTable, headerTs: number, state: RecordState): number {
    const row = table.addRow();
    if (this.boundTo !== table.id || this.boundColumns !== table.columnSet) this.bind(table);
    const cols = table.cols as Float64Array[];
    for (const c of this.gaps) (cols[c] as Float64Array)[row] = Number.NaN;
    if (this.csd >= 0) this.readCompressed(dv, base + this.csd, table, row, state);
    table.mayStray |= this.readRow(dv, base, cols, row);
    const ts = cols[COL.timestamp] as Float64Array;
    if (ts[row] !== ts[row]) ts[row] = headerTs;
    return row;
  }

  /** Allocates the columns this definition writes, and notes those of the table it lacks (again if they change). */
  private bind(table: ColumnTable): void {
    for (const c of this.covers) table.use(c);
    this.gaps = [];
    table.cols.forEach((col, c) => {
      if (col !== null && !this.covers.includes(c)) this.gaps.push(c);
    });
    this.boundTo = table.id;
    this.boundColumns = table.columnSet;
  }

  /** compressed_speed_distance: 12 bits of speed (1/100 m/s), 12 bits of rolling distance (1/16 m). */
  private readCompressed(dv: DataView, at: number, table: ColumnTable, row: number, s: RecordState): void {
    const b0 = dv.getUint8(at);
    const b1 = dv.getUint8(at + 1);
    const b2 = dv.getUint8(at + 2);
    const cols = table.cols as Float64Array[];
    if (b0 === 0xff && b1 === 0xff && b2 === 0xff) {
      cols[COL.speed]![row] = Number.NaN;
      cols[COL.distance]![row] = Number.NaN;
      return;
    }
    const speed = (b0 | ((b1 & 0x0f) << 8)) / CSD_SPEED_SCALE;
    cols[COL.speed]![row] = speed;
    if (!(speed >= SPEED_AS_IS[0] && speed <= SPEED_AS_IS[1])) table.mayStray |= 1 << COL.speed;
    const d = (b1 >> 4) | (b2 << 4);
    if (Number.isNaN(s.distanceTotal)) s.distanceTotal = d;
    else s.distanceTotal += (d - s.distanceLast) & 0xfff;
    s.distanceLast = d;
    cols[COL.distance]![row] = s.distanceTotal / CSD_DISTANCE_SCALE;
  }
}
