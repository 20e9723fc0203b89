import { describe, expect, it } from "vitest";
import { type Column, packColumn, unpackColumn } from "../../server/app/import/engine/column-codec.ts";

/** Every value the same bit for bit (any NaN matches NaN; −0 does not match 0), in the same kind of array. */
function expectSame(actual: Column, expected: Column): void {
  expect(actual.constructor).toBe(expected.constructor);
  expect(actual.length).toBe(expected.length);
  const differs = Array.from(expected).findIndex((v, i) => !Object.is(v, actual[i]));
  expect(differs).toBe(-1);
}

function roundTrip(values: Column): number {
  const packed = packColumn(values.slice());
  expectSame(unpackColumn(packed), values);
  return packed.data.byteLength / Math.max(1, values.length);
}

const range = (n: number, f: (i: number) => number): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => f(i));

describe("packColumn() and unpackColumn()", () => {
  it("keep 1 s times in a byte a sample, as steps, pauses included", () => {
    expect(roundTrip(range(3600, (i) => 7 + i))).toBe(1);
    expect(roundTrip(range(3600, (i) => i + (i > 1800 ? 240 : 0)))).toBe(1);
    // A pause longer than a byte's step: two bytes a step.
    expect(roundTrip(range(3600, (i) => i + (i > 1800 ? 4000 : 0)))).toBe(2);
  });

  it("keep cadence in 1/64 spm, speed read as 32-bit floats, and fractional seconds exactly", () => {
    expect(roundTrip(range(1000, (i) => 150 + (i % 97) / 64))).toBe(2);
    expect(roundTrip(range(1000, (i) => Math.fround(2.5 + (i % 300) / 1000)))).toBe(4);
    expect(roundTrip(range(1000, (i) => i * 0.25))).toBeLessThanOrEqual(2);
    expect(roundTrip(range(1000, (i) => (3000 + ((i * 7) % 2000)) / 1000))).toBe(2);
  });

  it("keep values no smaller form holds as they are", () => {
    expect(roundTrip(range(100, (i) => i / 3))).toBe(8);
    expect(roundTrip(range(100, (i) => (i === 50 ? 2 ** 40 + 1 : i)))).toBe(8);
    expect(roundTrip(range(100, (i) => (i === 50 ? 2 ** 31 + 0.5 : i)))).toBe(8);
  });

  it("bring back NaN, −0 and the infinities, which no integer form can hold", () => {
    for (const odd of [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const values = range(50, (i) => (i === 25 ? odd : i));
      expect(roundTrip(values)).toBe(4);
      expect(roundTrip(range(50, (i) => (i === 25 ? odd : i / 3)))).toBe(8);
    }
  });

  it("keep integer and byte columns as their own kind, falling values and large jumps included", () => {
    expect(roundTrip(Int32Array.from({ length: 500 }, (_, i) => i * 2))).toBe(1);
    expect(roundTrip(Int32Array.from({ length: 500 }, (_, i) => (i % 2 ? -i : i * 100_000)))).toBe(4);
    expect(roundTrip(Int32Array.from({ length: 500 }, (_, i) => 1000 - i))).toBe(2);
    expect(roundTrip(Uint8Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? 1 : 0)))).toBe(1);
  });

  it("handle empty and one-value columns", () => {
    expect(roundTrip(new Float64Array(0))).toBe(0);
    expectSame(unpackColumn(packColumn(Float64Array.of(-12.5))), Float64Array.of(-12.5));
    expectSame(unpackColumn(packColumn(Float64Array.of(0.1))), Float64Array.of(0.1));
  });

  it("keep a column as it is when not asked to compact, and give back that very array", () => {
    const values = range(100, (i) => i);
    const packed = packColumn(values, false);
    expect(packed.data).toBe(values);
    expect(unpackColumn(packed)).toBe(values);
  });
});
