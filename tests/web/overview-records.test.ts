import { describe, expect, it } from "vitest";
import type { PersonalRecordView } from "../../server/api/index.ts";
import { recordsHighlights } from "../../web/pages/overview-records.ts";

const rec = (key: string, distanceM: number, durationS: number | null): PersonalRecordView => ({
  key,
  label: key,
  distanceM,
  durationS,
  runId: 1,
  localDate: "2026-03-01",
});

describe("the Overview's personal records", () => {
  it("shows the best few distances a runner looks for first, shortest first, then the longest run", () => {
    const all = [
      rec("1k", 1000, 230),
      rec("5k", 5000, 1300),
      rec("10k", 10_000, 2700),
      rec("half", 21_097.5, 6000),
      rec("longest", 24_000, 7200),
    ];
    expect(recordsHighlights(all).map((r) => r.key)).toEqual(["5k", "10k", "half", "longest"]);
  });

  it("falls back to the 1 km, and shows only the longest run when nothing was timed", () => {
    expect(recordsHighlights([rec("1k", 1000, 250), rec("longest", 3000, 900)]).map((r) => r.key)).toEqual([
      "1k",
      "longest",
    ]);
    expect(recordsHighlights([rec("longest", 800, 300)]).map((r) => r.key)).toEqual(["longest"]);
    expect(recordsHighlights([])).toEqual([]);
  });
});
