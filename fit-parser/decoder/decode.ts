import type { FitMessages } from "@garmin/fitsdk";
import { FitBudget } from "../budget.ts";
import { FitParseError } from "../errors.ts";
import type { Segment } from "../segments.ts";
import { baseTypeOf } from "./base-types.ts";
import type { BaseType } from "./base-types.ts";
import { COL, ColumnTable } from "./columns.ts";
import type { ColumnPool, RecordColumns } from "./columns.ts";
import { mergeHeartRates } from "./hr-merge.ts";
import { Accumulator, decodeObject } from "./messages.ts";
import type { ObjectPlan } from "./messages.ts";
import { MESG, objectFields, profileField, profileMesg } from "./profile.ts";
import { RecordPlan } from "./records.ts";
import type { RecordState } from "./records.ts";

/** A developer field's description (Connect IQ / Stryd fields), kept for what it names; its values are skipped. */
export interface DeveloperField {
  developerDataIndex: number;
  fieldDefinitionNumber: number;
  name: string | null;
  units: string | null;
}

/** One segment decoded: the messages Stridewise reads as SDK-shaped objects, and the records as columns. */
export interface DecodedData {
  messages: FitMessages;
  records: RecordColumns;
  developerFields: DeveloperField[];
}

const TIMESTAMP = 253;

interface LocalDef {
  size: number;
  le: boolean;
  record: RecordPlan | null;
  object: ObjectPlan | null;
  /** Offset and width of a timestamp field (which every later compressed header counts from), or -1. */
  tsAt: number;
}

interface FieldSpec {
  num: number;
  at: number;
  size: number;
  bt: BaseType;
  btByte: number;
}

const UNREADABLE =
  "This FIT file is laid out in a way Stridewise cannot read yet, so it was not imported rather than read wrongly.";

function compile(globalNum: number, le: boolean, fields: FieldSpec[], size: number): LocalDef {
  const ts = fields.find((f) => f.num === TIMESTAMP && f.size === 4 && f.bt.size === 4);
  const def: LocalDef = { size, le, record: null, object: null, tsAt: ts?.at ?? -1 };
  if (globalNum === MESG.record) {
    def.record = new RecordPlan(fields, le);
    return def;
  }
  const wanted = objectFields(globalNum);
  const mesg = profileMesg(globalNum);
  if (wanted === null || mesg === undefined) return def;
  const own = fields.flatMap((f) => {
    const field = profileField(globalNum, f.num);
    return field !== undefined && wanted.has(f.num)
      ? [{ field, at: f.at, size: f.size, bt: f.bt, btByte: f.btByte }]
      : [];
  });
  def.object = { mesgNum: globalNum, key: mesg.messagesKey, le, fields: own };
  return def;
}

/** Compiles the definition message at `p`, which readDefinition has checked fits before `end`. */
function compileDefinition(b: Uint8Array, dv: DataView, p: number): LocalDef {
  const le = b[p + 2] === 0;
  const globalNum = dv.getUint16(p + 3, le);
  const n = b[p + 5] ?? 0;
  let q = p + 6;
  const fields: FieldSpec[] = [];
  let size = 0;
  for (let i = 0; i < n; i++, q += 3) {
    const fsize = b[q + 1] ?? 0;
    const btByte = b[q + 2] ?? 0;
    // A base type the protocol does not define is read as plain bytes: its value is never used.
    const bt = baseTypeOf(btByte) ?? { size: 1, kind: 9 as const, invalid: Number.NaN };
    fields.push({ num: b[q] ?? 0, at: size, size: fsize, bt, btByte });
    size += fsize;
  }
  if (((b[p] ?? 0) & 0x20) !== 0) {
    const devFields = b[q] ?? 0;
    for (let i = 0; i < devFields; i++) size += b[q + 1 + 3 * i + 1] ?? 0;
  }
  return compile(globalNum, le, fields, size);
}

// A watch writes the same few definitions in every file: compiled once, looked up by their bytes. A LocalDef holds
// no per-file state (a RecordPlan binds to each segment's table when it first reads into it).
const compiled = new Map<string, LocalDef>();
const MAX_COMPILED = 512;

/** The bytes that decide a definition: the developer-data flag, architecture, message number and field list. */
function definitionKey(b: Uint8Array, p: number, q: number): string {
  // One string from the bytes (a typed array is a valid argument list), not one string per byte appended.
  const bytes = b.subarray(p + 2, q) as unknown as number[];
  return String.fromCharCode((b[p] ?? 0) & 0x20) + String.fromCharCode.apply(null, bytes);
}

/** Reads a definition message at `p`; returns it and the offset after it, or null if it runs past `end`. */
function readDefinition(
  b: Uint8Array,
  dv: DataView,
  p: number,
  end: number,
  budget: FitBudget,
): [LocalDef, number] | null {
  if (p + 6 > end) return null;
  let q = p + 6 + 3 * (b[p + 5] ?? 0);
  if (q > end) return null;
  if (((b[p] ?? 0) & 0x20) !== 0) {
    if (q + 1 > end) return null;
    q += 1 + 3 * (b[q] ?? 0);
    if (q > end) return null;
  }
  const key = definitionKey(b, p, q);
  budget.addLayout(key);
  let def = compiled.get(key);
  if (def === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    def = compileDefinition(b, dv, p);
    compiled.set(key, def);
  }
  return [def, q];
}

/** Segment decoding state that lives across messages. */
class SegmentReader {
  readonly defs: (LocalDef | undefined)[] = new Array<LocalDef | undefined>(16);
  readonly table: ColumnTable;
  readonly objects: Record<string, Record<string, unknown>[]> = {};
  readonly acc = new Accumulator();
  readonly state: RecordState = { distanceTotal: Number.NaN, distanceLast: 0 };
  lastTs = Number.NaN;

  constructor(
    readonly b: Uint8Array,
    readonly dv: DataView,
    dataBytes: number,
    pool: ColumnPool | null,
    readonly budget: FitBudget,
  ) {
    // Records are 20-60 bytes and share the file with other messages: a low start, reserved or doubled later.
    // The file's record cap is the table's row cap: no count per record on top of the table's own.
    this.table = new ColumnTable(Math.ceil(dataBytes / 64), pool, budget.recordsLeft());
  }

  data(def: LocalDef, base: number, headerTs: number): void {
    if (def.record !== null) {
      const row = def.record.read(this.dv, base, this.table, headerTs, this.state);
      const ts = (this.table.cols[COL.timestamp] as Float64Array)[row] as number;
      if (ts === ts) this.lastTs = ts;
      return;
    }
    if (def.tsAt >= 0) {
      const ts = this.dv.getUint32(base + def.tsAt, def.le);
      if (ts !== 0xffffffff) this.lastTs = ts;
    }
    if (def.object === null) return;
    this.budget.addMessage();
    const obj = decodeObject(def.object, this.dv, this.b, base, this.acc);
    if (obj["timestamp"] === undefined && headerTs === headerTs) {
      obj["timestamp"] = new Date(headerTs * 1000 + 631065600000);
    }
    (this.objects[def.object.key] ??= []).push(obj);
  }

  /** The time of a compressed-timestamp header: the last full timestamp with its low 5 bits rolled forward. */
  compressedTs(offset: number): number {
    if (Number.isNaN(this.lastTs)) return Number.NaN;
    const last = this.lastTs;
    const ts = last - (last % 32) + offset + (offset >= last % 32 ? 0 : 32);
    this.lastTs = ts;
    return ts;
  }
}

/**
 * Decodes one segment (walked and CRC-checked by segments.ts) with our own reader: definitions compiled once,
 * records straight into columns, little- and big-endian, compressed timestamps, developer fields skipped.
 * With a pool, the record columns reuse its buffers and are valid only until the next decode with that pool.
 */
export function decodeSegmentData(
  bytes: Uint8Array,
  segment: Segment,
  pool: ColumnPool | null = null,
  budget: FitBudget = new FitBudget(),
): DecodedData {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = segment.start + (bytes[segment.start] ?? 12);
  const end = segment.truncated ? segment.end : segment.end - 2;
  const r = new SegmentReader(bytes, dv, end - start, pool, budget);
  let p = start;
  while (p < end) {
    const h = bytes[p] ?? 0;
    if ((h & 0xc0) === 0x40) {
      const read = readDefinition(bytes, dv, p, end, budget);
      if (read === null) break;
      r.defs[h & 0x0f] = read[0];
      // At most every remaining byte is a record of this size (the table holds no more than the cap): reserve once.
      if (read[0].record !== null && r.table.count === 0)
        r.table.reserve((end - read[1]) / (1 + read[0].size));
      p = read[1];
      continue;
    }
    const compressed = (h & 0x80) !== 0;
    const def = r.defs[compressed ? (h >> 5) & 0x03 : h & 0x0f];
    if (def === undefined) throw new FitParseError("unsupported-encoding", UNREADABLE);
    if (p + 1 + def.size > end) break;
    r.data(def, p + 1, compressed ? r.compressedTs(h & 0x1f) : Number.NaN);
    p += 1 + def.size;
  }
  if (p < end && !segment.truncated) throw new FitParseError("unsupported-encoding", UNREADABLE);
  budget.addRecords(r.table.count);
  const records = r.table.finish();
  mergeHeartRates(r.objects["hrMesgs"] ?? [], records);
  return { messages: r.objects as FitMessages, records, developerFields: developerFields(r.objects) };
}

function developerFields(objects: Record<string, Record<string, unknown>[]>): DeveloperField[] {
  return (objects["fieldDescriptionMesgs"] ?? []).map((m) => ({
    developerDataIndex: Number(m["developerDataIndex"]),
    fieldDefinitionNumber: Number(m["fieldDefinitionNumber"]),
    name: typeof m["fieldName"] === "string" ? m["fieldName"] : null,
    units: typeof m["units"] === "string" ? m["units"] : null,
  }));
}
