import { describe, expect, it } from "vitest";
import { seededRandom } from "../../server/core/random.ts";
import { rollingMedian } from "../../server/core/stats.ts";

/** The first implementation: a sorted JS array, linear scans and splice. The fast one must match it bit for bit. */
function naiveRollingMedian(
  values: ArrayLike<number>,
  timeS: ArrayLike<number>,
  windowS: number,
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const half = windowS / 2;
  const window: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const t = timeS[i] as number;
    while (hi < n && (timeS[hi] as number) <= t + half) {
      const v = values[hi++] as number;
      if (!Number.isFinite(v)) continue;
      let k = window.length;
      while (k > 0 && (window[k - 1] as number) > v) k--;
      window.splice(k, 0, v);
    }
    while (lo < hi && (timeS[lo] as number) < t - half) {
      const v = values[lo++] as number;
      if (!Number.isFinite(v)) continue;
      const k = window.indexOf(v);
      if (k >= 0) window.splice(k, 1);
    }
    const m = window.length;
    const mid = m >> 1;
    out[i] =
      m === 0
        ? Number.NaN
        : m % 2 === 1
          ? (window[mid] as number)
          : ((window[mid - 1] as number) + (window[mid] as number)) / 2;
  }
  return out;
}

/** Index of the first element that differs under Object.is (so −0 ≠ 0 and NaN = NaN), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Ascending times with 1 s steps, bursts of equal and sub-second times, and gaps longer than the window. */
function randomTimes(random: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  let t = random() * 10;
  for (let i = 0; i < n; i++) {
    out[i] = t;
    const r = random();
    t +=
      r < 0.1
        ? 0
        : r < 0.25
          ? random() * 0.5
          : r < 0.3
            ? 20 + random() * 100
            : r < 0.9
              ? 1
              : 1 + random() * 4;
  }
  return out;
}

/** Values with many ties, signed zeros, NaN and infinities. */
function randomValues(random: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = random();
    out[i] =
      r < 0.1
        ? Number.NaN
        : r < 0.13
          ? random() < 0.5
            ? Number.POSITIVE_INFINITY
            : Number.NEGATIVE_INFINITY
          : r < 0.2
            ? random() < 0.5
              ? 0
              : -0
            : r < 0.6
              ? Math.floor(random() * 8)
              : 150 + random() * 40;
  }
  return out;
}

describe("rollingMedian()", () => {
  it("removes a one-sample spike and keeps a step", () => {
    const out = rollingMedian([10, 10, 10, 99, 10, 10, 20, 20, 20, 20], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4);
    expect(out[3]).toBe(10);
    expect(out[8]).toBe(20);
  });

  it("gives exactly what a sorted array with splice gives, on 300 random series with NaN, ties and gaps", () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * 600);
      const times = randomTimes(random, n);
      const values = randomValues(random, n);
      // Up to 400 s: windows far larger than the first buffer, so it has to grow.
      const windowS = random() < 0.2 ? 100 + random() * 300 : random() * 40;
      const fast = rollingMedian(values, times, windowS);
      const naive = naiveRollingMedian(values, times, windowS);
      expect({ trial, at: firstDifference(fast, naive) }).toEqual({ trial, at: -1 });
    }
  });

  it("matches it on steady rises and falls, where each new value passes the whole window", () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 400);
      const times = randomTimes(random, n);
      const values = new Float64Array(n);
      // Runs of rising then falling values with ties, through ±0, and a NaN now and then.
      let v = Math.floor(random() * 21) - 10;
      let step = random() < 0.5 ? 1 : -1;
      for (let i = 0; i < n; i++) {
        if (random() < 0.02) step = -step;
        if (random() > 0.2) v += step * (random() < 0.5 ? 1 : 0.5);
        values[i] = random() < 0.03 ? Number.NaN : v === 0 && random() < 0.5 ? -0 : v;
      }
      const windowS = random() < 0.2 ? 100 + random() * 300 : random() * 60;
      const fast = rollingMedian(values, times, windowS);
      const naive = naiveRollingMedian(values, times, windowS);
      expect({ trial, at: firstDifference(fast, naive) }).toEqual({ trial, at: -1 });
    }
  });

  it("gives NaN where the window holds no finite value", () => {
    const out = rollingMedian([Number.NaN, 5, Number.NaN, Number.NaN], [0, 1, 100, 101], 4);
    expect(Array.from(out)).toEqual([5, 5, Number.NaN, Number.NaN]);
  });
});
