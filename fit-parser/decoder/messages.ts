import type { BaseType } from "./base-types.ts";
import { MESG, profileMesg, scalar, typeName } from "./profile.ts";
import type { ProfileField, ProfileSubField } from "./profile.ts";
import { readValue } from "./values.ts";
import type { RawValue } from "./values.ts";

// Messages other than records are few per file: they are decoded into plain objects shaped like the SDK's
// (camelCase names, scale and offset applied, enums named, dates as Date), following the SDK's rules for
// sub-fields, components and accumulated fields, so the activity builder reads both the same way.

const FIT_EPOCH_MS = 631065600000;
const NUMERIC = new Set([
  "sint8",
  "uint8",
  "sint16",
  "uint16",
  "sint32",
  "uint32",
  "float32",
  "float64",
  "uint8z",
  "uint16z",
  "uint32z",
  "byte",
]);
/** Bits per value of the numeric field types that components are unpacked from. */
const TYPE_BITS: Record<string, number> = {
  sint8: 8,
  uint8: 8,
  uint8z: 8,
  byte: 8,
  sint16: 16,
  uint16: 16,
  uint16z: 16,
  sint32: 32,
  uint32: 32,
  uint32z: 32,
};
const TYPE_INVALID: Record<string, number> = {
  sint8: 0x7f,
  uint8: 0xff,
  uint8z: 0,
  byte: 0xff,
  sint16: 0x7fff,
  uint16: 0xffff,
  uint16z: 0,
  sint32: 0x7fffffff,
  uint32: 0xffffffff,
  uint32z: 0,
};

/** Running totals for accumulated fields (e.g. hr event_timestamp), keyed by message and field. */
export class Accumulator {
  private readonly fields = new Map<number, { total: number; last: number }>();

  set(mesgNum: number, fieldNum: number, value: number): void {
    this.fields.set(mesgNum * 256 + fieldNum, { total: value, last: value });
  }

  add(mesgNum: number, fieldNum: number, value: number, bits: number): number {
    const key = mesgNum * 256 + fieldNum;
    let f = this.fields.get(key);
    if (f === undefined) {
      f = { total: value, last: value };
      this.fields.set(key, f);
    }
    const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
    f.total += (value - f.last) & mask;
    f.last = value;
    return f.total;
  }
}

/** One field of a local definition that Stridewise reads into an object. */
export interface ObjectFieldDef {
  field: ProfileField;
  at: number;
  size: number;
  bt: BaseType;
  btByte: number;
}

export interface ObjectPlan {
  mesgNum: number;
  key: string;
  le: boolean;
  fields: ObjectFieldDef[];
}

interface Entry {
  raw: RawValue;
  num: number;
  sub?: ProfileSubField;
  /** Set for values expanded from components: already scaled. */
  value?: unknown;
}

type ComponentSource = Pick<ProfileField, "type" | "components" | "bits" | "scale" | "offset">;

/** Unpacks `bits` bits at a time, least significant first, from a value or an array of values. */
class Bits {
  private readonly data: number[];
  private index = 0;
  private bit = 0;
  available: number;

  constructor(
    raw: number | (number | null)[],
    private readonly width: number,
  ) {
    this.data = (Array.isArray(raw) ? raw : [raw]).map((v) => v ?? 0);
    this.available = this.data.length * width;
  }

  read(n: number): number {
    let out = 0;
    let got = 0;
    // As many bits at a time as the current value still holds (a bit at a time, 2 ** i was most of the cost).
    while (got < n) {
      const v = this.data[this.index] ?? 0;
      const take = Math.min(n - got, this.width - this.bit);
      const chunk = take >= 32 ? v >>> 0 : (v >>> this.bit) & ((1 << take) - 1);
      out += chunk * 2 ** got;
      got += take;
      this.bit += take;
      this.available -= take;
      if (this.bit >= this.width) {
        this.bit = 0;
        this.index++;
      }
    }
    return out;
  }
}

function allInvalid(raw: RawValue, invalid: number): boolean {
  return Array.isArray(raw) ? raw.every((v) => v === invalid) : raw === invalid;
}

function sanitise(values: unknown[], isArray: boolean): unknown {
  if (values.every((v) => v === null || v === undefined)) return null;
  return isArray ? values : values[0];
}

interface Expanded {
  values: unknown[];
  raws: number[];
  num: number;
  isArray: boolean;
}

function expandComponents(mesgNum: number, msg: Map<string, Entry>, queue: string[], acc: Accumulator): void {
  if (queue.length === 0) return;
  const fields = profileMesg(mesgNum)?.fields ?? {};
  const out = new Map<string, Expanded>();
  while (queue.length > 0) {
    const name = queue.shift() ?? "";
    const entry = msg.get(name);
    const raw: RawValue = entry?.raw ?? (out.get(name)?.raws as number[] | undefined) ?? null;
    const num = entry?.num ?? out.get(name)?.num ?? -1;
    const src: ComponentSource | undefined = entry?.sub ?? fields[num];
    const width = src === undefined ? undefined : TYPE_BITS[src.type];
    if (src === undefined || width === undefined || raw === null || typeof raw === "string") continue;
    if (allInvalid(raw, TYPE_INVALID[src.type] ?? -1)) continue;
    const bits = new Bits(raw, width);
    for (let j = 0; j < src.components.length; j++) {
      const n = src.bits[j] ?? 0;
      if (bits.available < n) break;
      const target = fields[Number(src.components[j])];
      if (target === undefined) break;
      let e = out.get(target.name);
      if (e === undefined) {
        e = { values: [], raws: [], num: target.num, isArray: target.array };
        out.set(target.name, e);
      }
      let value = bits.read(n);
      if (target.isAccumulated) value = acc.add(mesgNum, target.num, value, n);
      const cs = Array.isArray(src.scale) ? (src.scale[j] ?? 1) : src.scale;
      const co = Array.isArray(src.offset) ? (src.offset[j] ?? 0) : src.offset;
      value = value / cs - co;
      const rawValue = (value + scalar(target.offset, 0)) * scalar(target.scale, 1);
      e.raws.push(rawValue);
      const invalid = TYPE_INVALID[target.type] ?? 0xff;
      e.values.push(
        rawValue === invalid ? null : NUMERIC.has(target.type) ? value : typeName(target.type, value),
      );
      if (target.hasComponents) queue.push(target.name);
      if (bits.available <= 0) break;
    }
  }
  for (const [name, e] of out) {
    msg.set(name, {
      raw: sanitise(e.raws, e.isArray) as RawValue,
      num: e.num,
      value: sanitise(e.values, e.isArray),
    });
  }
}

function expandSubFields(msg: Map<string, Entry>, withSub: ProfileField[], queue: string[]): void {
  for (const field of withSub) {
    const src = msg.get(field.name);
    if (src === undefined) continue;
    for (const sub of field.subFields) {
      if (sub.map.some((m) => msg.get(m.name)?.raw === m.value)) {
        msg.set(sub.name, { raw: Array.isArray(src.raw) ? [...src.raw] : src.raw, num: src.num, sub });
        if (sub.hasComponents) queue.push(sub.name);
      }
    }
  }
}

function transform(
  def: Pick<ProfileField, "type" | "scale" | "offset">,
  raw: RawValue,
  plain: boolean,
): unknown {
  if (raw === null || typeof raw === "string") return raw;
  if (NUMERIC.has(def.type)) {
    if (plain) return raw;
    const scale = scalar(def.scale, 1);
    const offset = scalar(def.offset, 0);
    if (Number.isNaN(scale) || Number.isNaN(offset)) return raw;
    return Array.isArray(raw) ? raw.map((v) => (v === null ? v : v / scale - offset)) : raw / scale - offset;
  }
  if (def.type === "string") return raw;
  if (def.type === "dateTime" && !Array.isArray(raw)) return new Date(raw * 1000 + FIT_EPOCH_MS);
  if (plain) return raw;
  return Array.isArray(raw)
    ? raw.map((v) => (v === null ? v : typeName(def.type, v)))
    : typeName(def.type, raw);
}

/** An accumulated field read directly restarts its running total, in the units its components use. */
function restartAccumulated(
  plan: ObjectPlan,
  msg: Map<string, Entry>,
  field: ProfileField,
  raw: RawValue,
  acc: Accumulator,
): void {
  const fields = profileMesg(plan.mesgNum)?.fields ?? {};
  for (const v of Array.isArray(raw) ? raw : [raw]) {
    if (typeof v !== "number") continue;
    let value = v;
    for (const e of msg.values()) {
      const src = fields[e.num];
      src?.components.forEach((c, i) => {
        if (Number(c) !== field.num) return;
        const cs = Array.isArray(src.scale) ? (src.scale[i] ?? 1) : src.scale;
        const co = Array.isArray(src.offset) ? (src.offset[i] ?? 0) : src.offset;
        value = (v / scalar(field.scale, 1) - scalar(field.offset, 0) + co) * cs;
      });
    }
    acc.set(plan.mesgNum, field.num, value);
  }
}

/** Decodes one data message into an SDK-shaped object. */
export function decodeObject(
  plan: ObjectPlan,
  dv: DataView,
  bytes: Uint8Array,
  base: number,
  acc: Accumulator,
): Record<string, unknown> {
  const msg = new Map<string, Entry>();
  const queue: string[] = [];
  const withSub: ProfileField[] = [];
  for (const f of plan.fields) {
    const raw = readValue(dv, bytes, base + f.at, f.size, f.bt, f.btByte, plan.le, f.field.array);
    if (raw === null) continue;
    msg.set(f.field.name, { raw, num: f.field.num });
    if (f.field.subFields.length > 0) withSub.push(f.field);
    if (f.field.hasComponents) queue.push(f.field.name);
    if (f.field.isAccumulated) restartAccumulated(plan, msg, f.field, raw, acc);
  }
  // Developer data definitions are kept raw, as the SDK does.
  const plain = plan.mesgNum === MESG.fieldDescription || plan.mesgNum === MESG.developerDataId;
  if (!plain) {
    expandSubFields(msg, withSub, queue);
    expandComponents(plan.mesgNum, msg, queue, acc);
  }
  const fields = profileMesg(plan.mesgNum)?.fields ?? {};
  const out: Record<string, unknown> = {};
  // forEach, not for…of over entries: no [name, entry] pair is allocated per field.
  msg.forEach((e, name) => {
    const def = e.sub ?? fields[e.num];
    out[name] = "value" in e ? e.value : def === undefined ? e.raw : transform(def, e.raw, plain);
  });
  return out;
}
