import { describe, expect, it } from "vitest";
import { referenceBins, type ReferenceBins } from "../../server/core/reference-bins.ts";
import type { FitPoint } from "../../server/core/regression.ts";
import { seededRandom } from "../../server/core/random.ts";
import type { RunningSamples } from "../../server/core/running-samples.ts";
import { median } from "../../server/core/stats.ts";
import { withDefaults, type Thresholds } from "../../server/core/thresholds.ts";

/** The first implementation: a Map from speed key to bin, JS arrays per bin. The table-backed one must match it. */
function naiveReferenceBins(rs: RunningSamples, t: Thresholds): ReferenceBins | null {
  if (rs.totalRunningS < t.minReferenceRunningS) return null;
  const bins = new Map<number, { cadences: number[]; seconds: number }>();
  for (let i = 0; i < rs.speedMps.length; i++) {
    const speed = rs.speedMps[i] as number;
    if (!(speed >= t.runningSpeedMps) || !Number.isFinite(rs.cadenceSpm[i] as number)) continue;
    const key = Math.round(speed * 10);
    const bin = bins.get(key) ?? { cadences: [], seconds: 0 };
    bins.set(key, bin);
    bin.cadences.push(rs.cadenceSpm[i] as number);
    bin.seconds += rs.dtS[i] as number;
  }
  const points: FitPoint[] = [];
  for (const [key, bin] of bins) {
    if (bin.seconds >= 30) points.push({ x: key / 10, y: median(bin.cadences), w: bin.seconds });
  }
  const total = points.reduce((s, p) => s + p.w, 0);
  if (points.length === 0 || total <= 0) return null;
  for (const p of points) p.w /= total;
  return { points, medianSpeedMps: median(rs.speedMps) };
}

/** Running samples with speeds from walking pace to GPS glitches far past 100 m/s, and NaN cadences. */
function randomSamples(random: () => number, n: number): RunningSamples {
  const speedMps = new Float64Array(n);
  const cadenceSpm = new Float64Array(n);
  const dtS = new Float64Array(n);
  let speed = 1 + random() * 4;
  for (let i = 0; i < n; i++) {
    speed = Math.max(0.5, speed + (random() - 0.5) * 0.3);
    const r = random();
    speedMps[i] = r < 0.02 ? 100 + random() * 400 : r < 0.03 ? -speed : speed;
    cadenceSpm[i] = random() < 0.05 ? Number.NaN : 150 + Math.floor(random() * 40);
    dtS[i] = random() < 0.05 ? 0 : 1;
  }
  const timeS = Float64Array.from({ length: n }, (_, i) => i);
  const totalRunningS = dtS.reduce((s, x) => s + x, 0);
  return {
    timeS,
    dtS,
    runningAtS: new Float64Array(n),
    speedMps,
    cadenceSpm,
    breakBefore: new Uint8Array(n),
    sourceIndex: Int32Array.from({ length: n }, (_, i) => i),
    totalRunningS,
  };
}

describe("referenceBins()", () => {
  it("gives exactly what a Map of bins gives, run after run, with speeds inside and outside its table", () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 60; trial++) {
      // Negative thresholds too: speeds that round to negative keys, and to −0.
      const t = withDefaults(random() < 0.2 ? { runningSpeedMps: -1000 } : {});
      const rs = randomSamples(random, 600 + Math.floor(random() * 3000));
      expect({ trial, bins: referenceBins(rs, t) }).toStrictEqual({ trial, bins: naiveReferenceBins(rs, t) });
    }
  });

  it("puts bins in first-seen order, a key past 102.3 m/s among them", () => {
    const n = 120;
    const rs = randomSamples(seededRandom(1), n);
    for (let i = 0; i < n; i++) {
      rs.speedMps[i] = i < 40 ? 3 : i < 80 ? 150 : 2.5;
      rs.cadenceSpm[i] = i < 40 ? 170 : i < 80 ? 200 : 160;
      rs.dtS[i] = 10;
    }
    rs.totalRunningS = 10 * n;
    const bins = referenceBins(rs, withDefaults());
    expect(bins?.points.map((p) => [p.x, p.y])).toEqual([
      [3, 170],
      [150, 200],
      [2.5, 160],
    ]);
  });
});
