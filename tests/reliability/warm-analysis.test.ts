import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { warmAnalysis } from "../../server/app/analysis/warm-analysis.ts";
import { perRunResults } from "../../server/app/analysis/run-cache.ts";
import { toCoreRun } from "../../server/app/analysis/runs-source.ts";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import { recordsFor } from "../../server/app/records.ts";
import { OFF_THREAD_BYTES } from "../../server/app/load-activity.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { createAnalysisRepo } from "../../server/db/analysis-repo.ts";
import { openDb, type Db } from "../../server/db/open.ts";
import { encodeRun } from "../app/fixtures.ts";
import { T2024, longRunningRun } from "./crafted.ts";

// The analysis' start-up work and the records' first computation, done with large runs on a worker, give what
// the synchronous path gives, and leave the dashboard's snapshot nothing to compute.

const DAY = 86_400;

function analysisRows(db: Db): unknown {
  return {
    results: db.sqlite.prepare("SELECT activity_id, json FROM run_analysis ORDER BY activity_id").all(),
    state: db.sqlite.prepare("SELECT name, key, json FROM analysis_state ORDER BY name").all(),
  };
}

describe("warmAnalysis() and recordsFor() with large runs on a worker", () => {
  let db: Db;
  beforeEach(async () => {
    db = openDb(":memory:");
    // Ten runs with cadence and speed (a personal model needs 8), two of them large enough for the worker.
    const files = [
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((d) => ({
        name: `small-${d}.fit`,
        bytes: encodeRun({ start: `2024-03-0${d}T07:00:00Z`, durationS: 2_400, speedMps: 2.4 + d * 0.15 }),
      })),
      ...[10, 11].map((d) => ({
        name: `long-${d}.fit`,
        bytes: longRunningRun(20_000, T2024 + 60 * DAY + d * DAY),
      })),
    ];
    expect(files[8]?.bytes.byteLength).toBeGreaterThan(OFF_THREAD_BYTES);
    const report = await importAndAnalyse(db, files);
    expect(report.summary.imported).toBe(10);
  });
  afterEach(() => db.close());

  it("refits the model and recomputes every result as the synchronous analysis did", async () => {
    const before = analysisRows(db);
    db.sqlite.exec("DELETE FROM analysis_state; DELETE FROM run_analysis;");
    expect(await warmAnalysis(db, "2024-06-01")).toEqual({ runs: 10, analysed: 10 });
    expect(analysisRows(db)).toEqual(before);
    const activities = createActivitiesRepo(db);
    const runs = activities.list({ runsOnly: true, limit: -1 }).reverse().map(toCoreRun);
    const snapshot = perRunResults(db, activities, createAnalysisRepo(db), runs);
    expect(snapshot.computed).toBe(0);
    expect(snapshot.model.kind).toBe("personal");
    // Nothing left to do a second time.
    expect(await warmAnalysis(db, "2024-06-01")).toEqual({ runs: 10, analysed: 0 });
  });

  it("computes the long runs' best efforts on the worker, as the run's own samples give them", async () => {
    const activities = createActivitiesRepo(db);
    const runs = activities.list({ runsOnly: true, limit: -1 });
    const records = await recordsFor(db, activities, runs);
    const half = records.find((r) => r.key === "half");
    const longIds = runs.filter((r) => (r.distanceM ?? 0) > 50_000).map((r) => r.id);
    expect(longIds).toHaveLength(2);
    expect(longIds).toContain(half?.runId);
    // 21,097.5 m at 3 m/s with a 2.5 m/s minute in every ten: between the two speeds' times.
    expect(half?.durationS).toBeGreaterThan(21_097.5 / 3);
    expect(half?.durationS).toBeLessThan(21_097.5 / 2.9);
  });
});
