import { beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../server/app/demo.ts";
import { loadActivity } from "../../server/app/load-activity.ts";
import { openAnalysis } from "../../server/app/analysis/open-analysis.ts";
import { perRunResults } from "../../server/app/analysis/run-cache.ts";
import { packRun } from "../../server/app/import/engine/packed-run.ts";
import { PreparedRuns } from "../../server/app/import/engine/prepared-runs.ts";
import { warmAnalysis } from "../../server/app/analysis/warm.ts";
import { toCoreRun } from "../../server/app/analysis/runs-source.ts";
import { computeInsights } from "../../server/core/insights.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { createAnalysisRepo } from "../../server/db/analysis-repo.ts";
import { createPainRepo } from "../../server/db/pain-repo.ts";
import { openDb, type Db } from "../../server/db/open.ts";

const NOW = new Date("2026-11-25T18:00:00Z");

describe("the per-run analysis cache", () => {
  let db: Db;
  beforeAll(async () => {
    db = openDb(":memory:");
    await loadDemo(db, { now: NOW, weeks: 16, sampleIntervalS: 10, scenario: "low_cadence" });
  }, 120_000);

  function lightRuns() {
    return createActivitiesRepo(db).list({ runsOnly: true, limit: -1 }).reverse().map(toCoreRun);
  }

  it("computes every run once, then serves them all from the cache", () => {
    const activities = createActivitiesRepo(db);
    const cache = createAnalysisRepo(db);
    const runs = lightRuns();
    expect(perRunResults(db, activities, cache, runs).computed).toBe(runs.length);
    expect(perRunResults(db, activities, cache, runs).computed).toBe(0);
  });

  it("gives the same findings as the core reading every series", () => {
    const activities = createActivitiesRepo(db);
    const fullRuns = lightRuns().map((r) => {
      const stored = loadActivity(activities, r.id);
      return stored ? toCoreRun(stored) : r;
    });
    const pain = createPainRepo(db).list();
    const direct = computeInsights({ runs: fullRuns, pain, today: "2026-11-25", units: "km" });
    const cached = openAnalysis(db, () => NOW).snapshot().insights;
    expect(cached.model).toEqual(direct.model);
    expect(cached.correlations).toEqual(direct.correlations);
    expect(cached.advice).toEqual(direct.advice);
    expect(cached.trends).toEqual(direct.trends);
    expect(cached.runs).toEqual(direct.runs);
  });

  it("analyses only the new run when a refit barely moves the model", () => {
    const activities = createActivitiesRepo(db);
    const cache = createAnalysisRepo(db);
    cache.clear();
    const runs = lightRuns();
    const earlier = perRunResults(db, activities, cache, runs.slice(0, -1));
    const withNew = perRunResults(db, activities, cache, runs, earlier);
    expect(withNew.computed).toBe(1);
    expect(withNew.model).toBe(earlier.model);
    // Another process (or a restart) finds the basis in the database and keeps it too.
    expect(perRunResults(db, activities, cache, runs).computed).toBe(0);
    // Without any earlier basis, the refit is a new model and every run is analysed under it.
    db.sqlite.exec("DELETE FROM analysis_state WHERE name = 'basis'");
    expect(perRunResults(db, activities, cache, runs).computed).toBe(runs.length);
  });

  it("after a restart with the same runs reads no original: the model and every result come from the caches", () => {
    const first = openAnalysis(db, () => NOW).snapshot().insights;
    try {
      // The same database with every original unreadable: anything that still needed a series would differ.
      db.sqlite.exec("SAVEPOINT unreadable; UPDATE files SET bytes = x'00'");
      const again = openAnalysis(db, () => NOW).snapshot().insights;
      expect(again.model).toEqual(first.model);
      expect(again.runs).toEqual(first.runs);
      expect(again.trends).toEqual(first.trends);
    } finally {
      db.sqlite.exec("ROLLBACK TO unreadable; RELEASE unreadable");
    }
    // And the check has teeth: without the caches, unreadable originals do change the answer.
    const cache = createAnalysisRepo(db);
    db.sqlite.exec("SAVEPOINT unreadable; UPDATE files SET bytes = x'00'");
    try {
      cache.clear();
      expect(openAnalysis(db, () => NOW).snapshot().insights.model).not.toEqual(first.model);
    } finally {
      db.sqlite.exec("ROLLBACK TO unreadable; RELEASE unreadable");
    }
  });

  it("warmAnalysis() leaves nothing for the first read to compute", async () => {
    const activities = createActivitiesRepo(db);
    const cache = createAnalysisRepo(db);
    cache.clear();
    const runs = lightRuns();
    const warm = await warmAnalysis(db);
    expect(warm).toEqual({ runs: runs.length, analysed: runs.length, threads: 1 });
    expect(perRunResults(db, activities, cache, runs).computed).toBe(0);
    expect((await warmAnalysis(db)).analysed).toBe(0);
  });

  /** Each run's cached analysis, in start order. */
  const results = (d: Db) =>
    d.sqlite
      .prepare(
        `SELECT a.start_utc, r.json FROM activities a JOIN run_analysis r ON r.activity_id = a.id
         ORDER BY a.start_utc`,
      )
      .all();

  /** The demo imported again into a fresh database, with what its import prepared. */
  async function reimported(): Promise<{ fresh: Db; prepared: PreparedRuns }> {
    const fresh = openDb(":memory:");
    const prepared = new PreparedRuns();
    await loadDemo(fresh, { now: NOW, weeks: 16, sampleIntervalS: 10, scenario: "low_cadence", prepared });
    return { fresh, prepared };
  }

  /** With the originals emptied, only the prepared input can give the reference results. */
  async function expectReferenceFrom(fresh: Db, prepared: PreparedRuns): Promise<void> {
    const reference = results(db);
    fresh.sqlite.prepare("UPDATE files SET bytes = x''").run();
    const warm = await warmAnalysis(fresh, 0, prepared);
    expect(warm.analysed).toBe(reference.length);
    expect(results(fresh)).toEqual(reference);
  }

  it("warmAnalysis() after an import uses what the import prepared: the same results, no original read", async () => {
    const { fresh, prepared } = await reimported();
    expect(prepared.size).toBe(lightRuns().length);
    await expectReferenceFrom(fresh, prepared);
    fresh.close();
  });

  it("warmAnalysis() gives the same results from prepared input packed as a long import packs it", async () => {
    const { fresh, prepared } = await reimported();
    const packed = new PreparedRuns();
    const runs = createActivitiesRepo(fresh).list({ runsOnly: true, limit: -1 });
    for (const run of runs) {
      const ready = prepared.get(run.id);
      if (ready) packed.add(run.id, run.startUtc, packRun(ready, true));
    }
    expect(packed.size).toBe(prepared.size);
    // Packed: the columns are smaller typed arrays than the analysis reads.
    const first = packed.take(runs[0]?.id ?? -1);
    expect(Object.values(first?.running?.columns ?? {}).some((c) => c.scale > 0)).toBe(true);
    if (first && runs[0]) packed.add(runs[0].id, runs[0].startUtc, first);
    await expectReferenceFrom(fresh, packed);
    fresh.close();
  });

  it("recomputes after the model changes", async () => {
    const activities = createActivitiesRepo(db);
    const cache = createAnalysisRepo(db);
    const before = lightRuns();
    perRunResults(db, activities, cache, before);
    await loadDemo(db, { now: NOW, weeks: 16, sampleIntervalS: 10, seed: 99, scenario: "none" });
    const after = lightRuns();
    expect(after.length).toBeGreaterThan(before.length);
    expect(perRunResults(db, activities, cache, after).computed).toBe(after.length);
  }, 120_000);
});
