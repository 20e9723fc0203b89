import { Kind, readOne } from "./base-types.ts";
import type { BaseType } from "./base-types.ts";
import { COL } from "./columns.ts";
import type { ColumnTable, RecordColumnName } from "./columns.ts";
import { MESG, profileMesg, scalar } from "./profile.ts";

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
}

const RECORD_FIELDS = Object.values(profileMesg(MESG.record)?.fields ?? {});

function sourcesByFieldNum(): Map<number, Source> {
  const out = new Map<number, Source>();
  SOURCES.forEach(([name, column], priority) => {
    const f = RECORD_FIELDS.find((x) => x.name === name);
    if (f === undefined) return;
    out.set(f.num, { column: COL[column], priority, scale: scalar(f.scale, 1), offset: scalar(f.offset, 0) });
  });
  return out;
}

const BY_FIELD = sourcesByFieldNum();
const CSD = RECORD_FIELDS.find((f) => f.name === "compressedSpeedDistance");
const CSD_SPEED_SCALE = Array.isArray(CSD?.scale) ? (CSD.scale[0] ?? 100) : 100;
const CSD_DISTANCE_SCALE = Array.isArray(CSD?.scale) ? (CSD.scale[1] ?? 16) : 16;

/** Per-segment state shared by the record readers: the running distance of compressed speed/distance fields. */
export interface RecordState {
  distanceTotal: number;
  distanceLast: number;
}

/** A record definition compiled once: where each column's value sits in the message and how to scale it. */
export class RecordPlan {
  private readonly cols: Int32Array;
  private readonly at: Int32Array;
  private readonly kind: Int32Array;
  private readonly invalid: Float64Array;
  private readonly scale: Float64Array;
  private readonly offset: Float64Array;
  private readonly n: number;
  /** Offset of compressed_speed_distance in the message, or -1. */
  private readonly csd: number;
  private table: ColumnTable | null = null;

  constructor(
    fields: readonly { num: number; at: number; size: number; bt: BaseType }[],
    private readonly le: boolean,
  ) {
    const ops: { src: Source; at: number; bt: BaseType }[] = [];
    let csd = -1;
    for (const f of fields) {
      if (f.num === CSD?.num && f.size === 3) csd = f.at;
      const src = BY_FIELD.get(f.num);
      // A size that is not a whole number of values is invalid (as in the SDK); extra values are not read.
      if (src === undefined || f.size % f.bt.size !== 0 || f.bt.kind === Kind.Str || f.bt.kind === Kind.Skip)
        continue;
      ops.push({ src, at: f.at, bt: f.bt });
    }
    ops.sort((a, b) => a.src.priority - b.src.priority);
    this.n = ops.length;
    this.cols = Int32Array.from(ops, (o) => o.src.column);
    this.at = Int32Array.from(ops, (o) => o.at);
    this.kind = Int32Array.from(ops, (o) => o.bt.kind);
    this.invalid = Float64Array.from(ops, (o) => o.bt.invalid);
    this.scale = Float64Array.from(ops, (o) => o.src.scale);
    this.offset = Float64Array.from(ops, (o) => o.src.offset);
    this.csd = csd;
  }

  /** Reads one record at `base` into a new row; returns its timestamp (FIT seconds, NaN if none). */
  read(dv: DataView, base: number, table: ColumnTable, headerTs: number, state: RecordState): number {
    const row = table.addRow();
    if (this.table !== table) this.bind(table);
    const cols = table.cols as Float64Array[];
    if (this.csd >= 0) this.readCompressed(dv, base + this.csd, cols, row, state);
    for (let k = 0; k < this.n; k++) {
      const v = readOne(dv, base + this.at[k]!, this.kind[k] as Kind, this.le);
      if (v !== this.invalid[k] && v === v) cols[this.cols[k]!]![row] = v / this.scale[k]! - this.offset[k]!;
    }
    const ts = cols[COL.timestamp]!;
    if (Number.isNaN(ts[row]!)) ts[row] = headerTs;
    return ts[row]!;
  }

  /** Allocates the columns this definition writes (once per table). */
  private bind(table: ColumnTable): void {
    for (let k = 0; k < this.n; k++) table.use(this.cols[k]!);
    if (this.csd >= 0) for (const c of [COL.speed, COL.distance]) table.use(c);
    this.table = table;
  }

  /** compressed_speed_distance: 12 bits of speed (1/100 m/s), 12 bits of rolling distance (1/16 m). */
  private readCompressed(dv: DataView, at: number, cols: Float64Array[], row: number, s: RecordState): void {
    const b0 = dv.getUint8(at);
    const b1 = dv.getUint8(at + 1);
    const b2 = dv.getUint8(at + 2);
    if (b0 === 0xff && b1 === 0xff && b2 === 0xff) return;
    cols[COL.speed]![row] = (b0 | ((b1 & 0x0f) << 8)) / CSD_SPEED_SCALE;
    const d = (b1 >> 4) | (b2 << 4);
    if (Number.isNaN(s.distanceTotal)) s.distanceTotal = d;
    else s.distanceTotal += (d - s.distanceLast) & 0xfff;
    s.distanceLast = d;
    cols[COL.distance]![row] = s.distanceTotal / CSD_DISTANCE_SCALE;
  }
}
