// The FIT protocol's base types (FIT protocol §4.2.1): size, invalid sentinel and how to read one value.

/** How one value of a base type is read from a DataView. */
export const Kind = {
  U8: 0,
  S8: 1,
  U16: 2,
  S16: 3,
  U32: 4,
  S32: 5,
  F32: 6,
  F64: 7,
  Str: 8,
  /** 64-bit integers: never used by Stridewise, skipped (read as invalid). */
  Skip: 9,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface BaseType {
  size: number;
  kind: Kind;
  /** The "no value" sentinel; NaN for floats (all-ones bytes read as NaN). */
  invalid: number;
}

const T = (size: number, kind: Kind, invalid: number): BaseType => ({ size, kind, invalid });

const BASE_TYPES: readonly BaseType[] = [
  T(1, Kind.U8, 0xff), // 0x00 enum
  T(1, Kind.S8, 0x7f), // 0x01 sint8
  T(1, Kind.U8, 0xff), // 0x02 uint8
  T(2, Kind.S16, 0x7fff), // 0x83 sint16
  T(2, Kind.U16, 0xffff), // 0x84 uint16
  T(4, Kind.S32, 0x7fffffff), // 0x85 sint32
  T(4, Kind.U32, 0xffffffff), // 0x86 uint32
  T(1, Kind.Str, 0), // 0x07 string
  T(4, Kind.F32, Number.NaN), // 0x88 float32
  T(8, Kind.F64, Number.NaN), // 0x89 float64
  T(1, Kind.U8, 0), // 0x0A uint8z
  T(2, Kind.U16, 0), // 0x8B uint16z
  T(4, Kind.U32, 0), // 0x8C uint32z
  T(1, Kind.U8, 0xff), // 0x0D byte
  T(8, Kind.Skip, Number.NaN), // 0x8E sint64
  T(8, Kind.Skip, Number.NaN), // 0x8F uint64
  T(8, Kind.Skip, Number.NaN), // 0x90 uint64z
];

/** Base type 13 ("byte"): an array is invalid only when every byte is 0xFF. */
export const BYTE_TYPE = 0x0d;

/** The base type for a definition's base-type byte, or undefined for a number the protocol does not define. */
export function baseTypeOf(byte: number): BaseType | undefined {
  return BASE_TYPES[byte & 0x1f];
}

/** One raw value (the sentinel included); NaN for 64-bit values and strings. */
export function readOne(dv: DataView, at: number, kind: Kind, le: boolean): number {
  switch (kind) {
    case Kind.U8:
      return dv.getUint8(at);
    case Kind.S8:
      return dv.getInt8(at);
    case Kind.U16:
      return dv.getUint16(at, le);
    case Kind.S16:
      return dv.getInt16(at, le);
    case Kind.U32:
      return dv.getUint32(at, le);
    case Kind.S32:
      return dv.getInt32(at, le);
    case Kind.F32:
      return dv.getFloat32(at, le);
    case Kind.F64:
      return dv.getFloat64(at, le);
    default:
      return Number.NaN;
  }
}
