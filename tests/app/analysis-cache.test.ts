import { beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../server/app/demo.ts";
import { loadActivity } from "../../server/app/load-activity.ts";
import { openAnalysis } from "../../server/app/analysis/service.ts";
import { fittedKey, modelWindow, perRunResults } from "../../server/app/analysis/run-cache.ts";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import { packRun } from "../../server/app/import/engine/packed-run.ts";
import { PreparedRuns } from "../../server/app/import/engine/prepared-runs.ts";
import { analyseNewRuns } from "../../server/app/analysis/analyse-new-runs.ts";
import { prepareRun } from "../../server/core/prepared-run.ts";
import { toCoreRun } from "../../server/app/analysis/runs-source.ts";
import { computeInsights } from "../../server/core/insights.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { createAnalysisRepo } from "../../server/db/analysis-repo.ts";
import { createPainRepo } from "../../server/db/pain-repo.ts";
import { openDb, type Db } from "../../server/db/open.ts";
import { encodeRun } from "./fixtures.ts";

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
    cache.clear();
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

  it("analyseNewRuns() leaves nothing for the first read to compute", () => {
    const activities = createActivitiesRepo(db);
    const cache = createAnalysisRepo(db);
    cache.clear();
    const runs = lightRuns();
    expect(analyseNewRuns(db)).toEqual({ runs: runs.length, analysed: runs.length });
    expect(perRunResults(db, activities, cache, runs).computed).toBe(0);
    expect(analyseNewRuns(db).analysed).toBe(0);
  });

  it("an import's analysis reads the runs the dashboard reads: a too-short newest run leaves the first read nothing to refit", async () => {
    const fresh = openDb(":memory:");
    await loadDemo(fresh, { now: NOW, weeks: 16, sampleIntervalS: 10, scenario: "low_cadence" });
    // A 20-second recording after the last demo run: stored, but not a run the analysis reads.
    const short = {
      name: "short.fit",
      bytes: encodeRun({ start: "2026-11-25T07:00:00.000Z", durationS: 20 }),
    };
    const report = await importAndAnalyse(fresh, [short], { now: () => NOW.toISOString() });
    expect(report.summary.imported).toBe(1);
    const cache = createAnalysisRepo(fresh);
    const fittedByImport = cache.state("fitted")?.key;
    const snapshot = openAnalysis(fresh, () => NOW).snapshot();
    expect(createActivitiesRepo(fresh).list({ runsOnly: true, limit: -1 }).length).toBe(
      snapshot.summaries.size + 1,
    );
    // The model the import fitted is the one the dashboard's runs call for: its first read refitted nothing.
    expect(fittedByImport).toBe(fittedKey(modelWindow([...snapshot.summaries.values()].map(toCoreRun))));
    expect(cache.state("fitted")?.key).toBe(fittedByImport);
    fresh.close();
  }, 120_000);

  /** Each run's cached analysis, in start order. */
  const results = (d: Db) =>
    d.sqlite
      .prepare(
        `SELECT a.start_utc, r.json FROM activities a JOIN run_analysis r ON r.activity_id = a.id
         ORDER BY a.start_utc`,
      )
      .all();

  it("an import analyses its runs from their parse as the analysis of the stored originals does", async () => {
    const reference = results(db);
    const fresh = openDb(":memory:");
    await loadDemo(fresh, { now: NOW, weeks: 16, sampleIntervalS: 10, scenario: "low_cadence" });
    expect(results(fresh)).toEqual(reference);
    fresh.close();
  });

  it("analyseNewRuns() gives the same results from prepared runs packed as a long import packs them", async () => {
    const reference = results(db);
    const fresh = openDb(":memory:");
    await loadDemo(fresh, { now: NOW, weeks: 16, sampleIntervalS: 10, scenario: "low_cadence" });
    const activities = createActivitiesRepo(fresh);
    const packed = new PreparedRuns();
    for (const run of activities.list({ runsOnly: true, limit: -1 })) {
      const samples = loadActivity(activities, run.id)?.samples;
      if (samples && samples.count > 0) packed.add(run.id, run.startUtc, packRun(prepareRun(samples), true));
    }
    expect(packed.size).toBe(reference.length);
    // With the originals emptied and the cache cleared, only the packed runs can give the reference results.
    fresh.sqlite.prepare("UPDATE files SET bytes = x''").run();
    createAnalysisRepo(fresh).clear();
    expect(analyseNewRuns(fresh, packed).analysed).toBe(reference.length);
    expect(results(fresh)).toEqual(reference);
    fresh.close();
  });

  it("recomputes after the model changes", async () => {
    const activities = createActivitiesRepo(db);
    const cache = createAnalysisRepo(db);
    const before = lightRuns();
    perRunResults(db, activities, cache, before);
    // The import that changes the model analyses every run again, old ones too.
    const report = await loadDemo(db, {
      now: NOW,
      weeks: 16,
      sampleIntervalS: 10,
      seed: 99,
      scenario: "none",
    });
    const after = lightRuns();
    expect(after.length).toBeGreaterThan(before.length);
    expect(report.analysis?.analysed).toBe(after.length);
    expect(perRunResults(db, activities, cache, after).computed).toBe(0);
  }, 120_000);
});
