import { describe, expect, it } from "vitest";
import { bestEfforts, fastestStretch, personalRecords } from "../../server/core/records.ts";

/** Cumulative distance and time for a run at the given speed per second. */
function run(speedAt: (s: number) => number, seconds: number): { d: Float64Array; t: Float64Array } {
  const d = new Float64Array(seconds + 1);
  const t = new Float64Array(seconds + 1);
  for (let s = 1; s <= seconds; s++) {
    t[s] = s;
    d[s] = (d[s - 1] ?? 0) + speedAt(s);
  }
  return { d, t };
}

describe("fastestStretch()", () => {
  it("times an even-paced 1 km exactly", () => {
    const { d, t } = run(() => 4, 600);
    expect(fastestStretch(d, t, 1000)?.durationS).toBeCloseTo(250, 6);
  });

  it("finds the fast kilometre in the middle of a slow run", () => {
    // 3 m/s, then 5 m/s for 300 s (1.5 km) from second 1000, then 3 m/s again.
    const { d, t } = run((s) => (s > 1000 && s <= 1300 ? 5 : 3), 2400);
    const best = fastestStretch(d, t, 1000);
    expect(best?.durationS).toBeCloseTo(200, 6);
    expect(best?.startS).toBeGreaterThanOrEqual(1000);
    expect(best?.startS).toBeLessThanOrEqual(1100);
  });

  it("skips missing samples and returns null when the run is shorter than the distance", () => {
    const { d, t } = run(() => 3, 100);
    d[50] = Number.NaN;
    expect(fastestStretch(d, t, 1000)).toBeNull();
    expect(fastestStretch(d, t, 200)?.durationS).toBeCloseTo(66.667, 2);
  });
});

describe("personalRecords()", () => {
  it("keeps the fastest effort per distance and the longest run", () => {
    const slow = run(() => 3, 3600);
    const fast = run(() => 4, 1500);
    const records = personalRecords([
      { runId: 1, localDate: "2025-01-01", distanceM: 10_800, efforts: bestEfforts(slow.d, slow.t) },
      { runId: 2, localDate: "2025-02-01", distanceM: 6000, efforts: bestEfforts(fast.d, fast.t) },
    ]);
    const byKey = new Map(records.map((r) => [r.key, r]));
    expect(byKey.get("5k")).toMatchObject({ runId: 2, durationS: 1250 });
    expect(byKey.get("10k")?.runId).toBe(1);
    expect(byKey.get("10k")?.durationS).toBeCloseTo(3333.33, 1);
    expect(byKey.has("half")).toBe(false);
    expect(byKey.get("longest")).toMatchObject({ runId: 1, distanceM: 10_800 });
  });
});
