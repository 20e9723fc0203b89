import { describe, expect, it } from "vitest";
import { unansweredRuns } from "../../server/core/unanswered.ts";

describe("unansweredRuns()", () => {
  const runs = [
    { runId: 1, localDate: "2026-11-01" },
    { runId: 2, localDate: "2026-11-20" },
    { runId: 3, localDate: "2026-11-25" },
    { runId: 4, localDate: "2026-11-27" },
    { runId: 5, localDate: "2026-11-28" },
  ];

  it("lists recent runs with nothing logged on their day or the day after, newest first", () => {
    const pain = new Set(["2026-11-26", "2026-11-29"]);
    expect(unansweredRuns(runs, pain, "2026-11-30").map((r) => r.runId)).toEqual([4, 2]);
  });

  it("leaves out runs older than the window and runs dated after today", () => {
    expect(unansweredRuns(runs, new Set(), "2026-11-27", 3).map((r) => r.runId)).toEqual([4, 3]);
  });
});
