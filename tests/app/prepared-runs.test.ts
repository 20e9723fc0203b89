import { describe, expect, it } from "vitest";
import { packRun, packedBytes } from "../../server/app/import/engine/packed-run.ts";
import { PreparedRuns } from "../../server/app/import/engine/prepared-runs.ts";
import { prepareRun } from "../../server/core/prepared-run.ts";
import { buildRun } from "../core/run-builder.ts";

const prepared = prepareRun(buildRun({ durationS: 3600, dtS: 1 }).series ?? fail());
const hour = packRun(prepared);

function fail(): never {
  throw new Error("a series was expected");
}

describe("PreparedRuns", () => {
  it("holds an hour of 1 s running in under 48 kB, so the default budget keeps thousands of hours", () => {
    const kept = new PreparedRuns();
    for (let i = 0; i < 10; i++) kept.add(i, `2026-01-${String(10 + i)}T07:00:00Z`, hour);
    expect(kept.size).toBe(10);
    expect(packedBytes(hour)).toBeLessThan(48_000);
    const one = new PreparedRuns(1.5 * packedBytes(hour));
    one.add(1, "2026-01-01T07:00:00Z", hour);
    one.add(2, "2026-01-02T07:00:00Z", hour);
    expect(one.size).toBe(1);
  });

  it("over its budget keeps the most recent runs, whatever order they came in", () => {
    const kept = new PreparedRuns(3.5 * packedBytes(hour));
    const starts = ["2026-03-01", "2026-01-01", "2026-05-01", "2026-02-01", "2026-04-01"];
    starts.forEach((d, i) => kept.add(i + 1, `${d}T07:00:00Z`, hour));
    expect(kept.size).toBe(3);
    expect([1, 2, 3, 4, 5].filter((id) => kept.has(id))).toEqual([1, 3, 5]);
  });

  it("refuses a run larger than the whole budget", () => {
    const kept = new PreparedRuns(1000);
    kept.add(1, "2026-01-01T07:00:00Z", hour);
    expect(kept.size).toBe(0);
  });

  it("gives a run back unpacked once, and lets it go", () => {
    const kept = new PreparedRuns();
    kept.add(7, "2026-01-01T07:00:00Z", hour);
    expect(kept.take(7)?.running?.cadenceSpm).toEqual(prepared.running?.cadenceSpm);
    expect(kept.has(7)).toBe(false);
    expect(kept.take(7)).toBeUndefined();
    expect(kept.size).toBe(0);
  });
});
