import { BYTE_TYPE, Kind, readOne } from "./base-types.ts";
import type { BaseType } from "./base-types.ts";

/** A field value as the SDK's Stream.readValue gives it: a number, an array, a string, or null when invalid. */
export type RawValue = number | (number | null)[] | string | null;

const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

function readString(bytes: Uint8Array, at: number, size: number): string | null {
  const parts = utf8
    .decode(bytes.subarray(at, at + size))
    .replace(/\uFFFD/g, "")
    .split("\0");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts[0] ?? null;
}

/**
 * Reads one field the way the SDK's stream does: invalid sentinels become null, a size that is not a whole number
 * of values is invalid, and a multi-value field that the profile does not call an array keeps its first value.
 */
export function readValue(
  dv: DataView,
  bytes: Uint8Array,
  at: number,
  size: number,
  bt: BaseType,
  btByte: number,
  le: boolean,
  isArray: boolean,
): RawValue {
  if (size % bt.size !== 0) return null;
  if (bt.kind === Kind.Str) return readString(bytes, at, size);
  const count = size / bt.size;
  if (count === 1) {
    const v = readOne(dv, at, bt.kind, le);
    if (v === bt.invalid) return null;
    return isArray ? [v] : v;
  }
  const values: (number | null)[] = [];
  let allInvalid = true;
  for (let i = 0; i < count; i++) {
    const v = readOne(dv, at + i * bt.size, bt.kind, le);
    if (v !== bt.invalid) allInvalid = false;
    values.push(v);
  }
  if (allInvalid) return null;
  const isByte = (btByte & 0x1f) === BYTE_TYPE;
  const cleaned = isByte ? values : values.map((v) => (v === bt.invalid ? null : v));
  if (cleaned.every((v) => v === null)) return null;
  return isArray ? cleaned : (cleaned[0] ?? null);
}
