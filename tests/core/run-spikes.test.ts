import { describe, expect, it } from "vitest";
import { instantMs } from "../../server/core/dates.ts";
import { SPIKE_HAZARDS, runSpikes, spikeCategory, type RunSpike } from "../../server/core/load.ts";
import { seededRandom } from "../../server/core/random.ts";
import { sortedByStart } from "../../server/core/run-order.ts";
import type { Run } from "../../server/core/types.ts";

const DAY_MS = 86_400_000;

/** The first implementation: sort with Date.parse in the comparator, then scan every earlier run. */
function naiveRunSpikes(runs: readonly Run[]): RunSpike[] {
  const sorted = [...runs].sort((a, b) => instantMs(a.startUtc) - instantMs(b.startUtc));
  return sorted.map((run) => {
    const start = instantMs(run.startUtc);
    let best: Run | null = null;
    for (const other of sorted) {
      const at = instantMs(other.startUtc);
      if (at >= start) break;
      if (at >= start - 30 * DAY_MS && (best === null || other.distanceM > best.distanceM)) best = other;
    }
    const l30 = best !== null && best.distanceM > 0 ? best.distanceM : null;
    const ratio = l30 === null ? null : run.distanceM / l30;
    const category = spikeCategory(ratio);
    return {
      runId: run.id,
      distanceM: run.distanceM,
      l30M: l30,
      l30RunId: l30 === null ? null : (best?.id ?? null),
      ratio,
      category,
      hazard: SPIKE_HAZARDS[category],
      spike: ratio !== null && ratio > 1.1,
    };
  });
}

const BASE_MS = Date.UTC(2024, 0, 1, 7);

/**
 * A shuffled history: starts on a coarse grid (so many are equal, and many lie exactly 30 days, or 30 days
 * ± 1 ms, apart), few distinct distances (so the longest is often tied), zero distances, and when asked,
 * a start that is not a date or a NaN distance.
 */
function randomHistory(random: () => number, n: number, withNaN: boolean): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const day = Math.floor(random() * 120);
    const r = random();
    const offsetMs = r < 0.5 ? 0 : r < 0.7 ? 1 : r < 0.8 ? -1 : Math.floor(random() * 4) * 3_600_000;
    const iso = new Date(BASE_MS + day * DAY_MS + offsetMs).toISOString();
    const distances = [0, 5000, 8000, 10_000, 10_000, 12_500, 21_100];
    runs.push({
      id: i + 1,
      startUtc: withNaN && random() < 0.05 ? "not a date" : iso,
      localDate: iso.slice(0, 10),
      utcOffsetS: 0,
      distanceM:
        withNaN && random() < 0.03
          ? Number.NaN
          : (distances[Math.floor(random() * distances.length)] as number) + (random() < 0.2 ? random() : 0),
      timerS: null,
      elapsedS: null,
      avgSpeedMps: null,
      avgCadenceSpm: null,
    });
  }
  return runs;
}

describe("runSpikes() against a scan of every earlier run", () => {
  it("gives the same L30, run and ratio on 300 random histories with equal starts and 30-day edges", () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 300; trial++) {
      const runs = randomHistory(random, 1 + Math.floor(random() * 150), false);
      expect(runSpikes(runs)).toEqual(naiveRunSpikes(runs));
    }
  });

  it("gives the same on histories holding an unreadable start or a NaN distance", () => {
    const random = seededRandom(12);
    for (let trial = 0; trial < 100; trial++) {
      const runs = randomHistory(random, 1 + Math.floor(random() * 80), true);
      expect(runSpikes(runs)).toEqual(naiveRunSpikes(runs));
    }
  });

  it("compares with a run exactly 30 days earlier but not one 30 days and 1 ms earlier", () => {
    const at = (ms: number, id: number, distanceM: number): Run => ({
      ...randomHistory(seededRandom(1), 1, false)[0]!,
      id,
      startUtc: new Date(ms).toISOString(),
      distanceM,
    });
    const spikes = runSpikes([
      at(BASE_MS - 1, 1, 20_000),
      at(BASE_MS, 2, 10_000),
      at(BASE_MS + 30 * DAY_MS, 3, 12_000),
      at(BASE_MS + 30 * DAY_MS, 4, 30_000),
    ]);
    expect(spikes.map((s) => [s.runId, s.l30RunId])).toEqual([
      [1, null],
      [2, 1],
      [3, 2],
      [4, 2],
    ]);
  });
});

describe("sortedByStart()", () => {
  it("orders exactly as a sort with Date.parse in the comparator, both ways, NaN starts included", () => {
    const random = seededRandom(13);
    for (let trial = 0; trial < 200; trial++) {
      const runs = randomHistory(random, Math.floor(random() * 100), trial % 2 === 0);
      if (trial % 3 === 0) runs.sort((a, b) => instantMs(a.startUtc) - instantMs(b.startUtc));
      const up = [...runs].sort((a, b) => instantMs(a.startUtc) - instantMs(b.startUtc));
      const down = [...runs].sort((a, b) => instantMs(b.startUtc) - instantMs(a.startUtc));
      expect(sortedByStart(runs).map((r) => r.id)).toEqual(up.map((r) => r.id));
      expect(sortedByStart(runs, true).map((r) => r.id)).toEqual(down.map((r) => r.id));
      expect(sortedByStart(up, true).map((r) => r.id)).toEqual(
        [...up].sort((a, b) => instantMs(b.startUtc) - instantMs(a.startUtc)).map((r) => r.id),
      );
    }
  });

  it("returns a copy, not the array it was given", () => {
    const runs = randomHistory(seededRandom(2), 5, false).sort((a, b) =>
      a.startUtc.localeCompare(b.startUtc),
    );
    expect(sortedByStart(runs)).not.toBe(runs);
  });
});
