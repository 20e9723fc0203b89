import { describe, expect, it } from "vitest";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import { loadActivity } from "../../server/app/load-activity.ts";
import { reanalyseAll } from "../../server/app/reanalyse.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { createAnalysisRepo } from "../../server/db/analysis-repo.ts";
import { openDb } from "../../server/db/open.ts";
import { createPainRepo } from "../../server/db/pain-repo.ts";
import { readCorpusFile } from "../support/corpus.ts";
import { encodeRun } from "./fixtures.ts";

describe("reanalyseAll()", () => {
  it("rebuilds every activity from its original, keeping ids, and clears the analysis cache", async () => {
    const db = openDb(":memory:");
    const report = await importAndAnalyse(db, [
      { name: "tri.fit", bytes: readCorpusFile("muktihari__activity_multisport.fit") },
      { name: "run.fit", bytes: encodeRun() },
    ]);
    const ids = report.results.flatMap((r) => r.activityIds);
    expect(ids.length).toBe(3);
    const activities = createActivitiesRepo(db);
    const before = ids.map((id) => loadActivity(activities, id));
    // Damage what was derived, as an older parser would have left it.
    db.sqlite.prepare("UPDATE activities SET distance_m = 1, avg_cadence_spm = 90 WHERE id = ?").run(ids[0]);
    db.sqlite.prepare("DELETE FROM laps WHERE activity_id = ?").run(ids[2]);
    createAnalysisRepo(db).put(ids[1] ?? -1, 1, { stale: true });
    const pain = createPainRepo(db).create(
      {
        date: "2025-05-04",
        severity: 2,
        location: "lateral",
        side: "left",
        timing: null,
        note: "",
        redFlags: [],
      },
      "2025-05-04T10:00:00.000Z",
    );

    const result = reanalyseAll(db);
    expect(result).toEqual({ files: 2, updated: 3, added: 0, removed: 0, failed: [] });
    const after = ids.map((id) => loadActivity(activities, id));
    expect(after.map((a) => a?.id)).toEqual(ids);
    expect(after[0]?.distanceM).toBe(before[0]?.distanceM);
    expect(after[0]?.avgCadenceSpm).toBe(before[0]?.avgCadenceSpm);
    expect(after[2]?.laps).toEqual(before[2]?.laps);
    expect(Array.from(after[1]?.samples.cadenceSpm ?? [])).toEqual(
      Array.from(before[1]?.samples.cadenceSpm ?? []),
    );
    expect(createAnalysisRepo(db).get(ids[1] ?? -1, 1)).toBeNull();
    expect(createPainRepo(db).get(pain.id)).toEqual(pain);
  });

  it("brings back a session missing from a stored file, unless it is stored elsewhere", async () => {
    const db = openDb(":memory:");
    const report = await importAndAnalyse(db, [
      { name: "multi.fit", bytes: readCorpusFile("muktihari__activity_multisport.fit") },
    ]);
    const [, runLeg] = report.results[0]?.activityIds ?? [];
    db.sqlite.prepare("DELETE FROM activities WHERE id = ?").run(runLeg);
    const result = reanalyseAll(db);
    expect(result).toMatchObject({ updated: 1, added: 1, removed: 0 });
    expect(createActivitiesRepo(db).count({ runsOnly: true })).toBe(1);
  });

  it("leaves out a session the runner deleted from a file that keeps others", async () => {
    const db = openDb(":memory:");
    const report = await importAndAnalyse(db, [
      { name: "multi.fit", bytes: readCorpusFile("muktihari__activity_multisport.fit") },
    ]);
    const ids = report.results[0]?.activityIds ?? [];
    expect(ids.length).toBeGreaterThan(1);
    const activities = createActivitiesRepo(db);
    const before = activities.count();
    expect(activities.delete(ids[0] ?? -1)).toBe(true);
    const result = reanalyseAll(db);
    expect(result).toMatchObject({ added: 0, removed: 0, updated: before - 1 });
    expect(activities.count()).toBe(before - 1);
    expect(activities.get(ids[0] ?? -1)).toBeNull();
    // Deleting the file's last session deletes the file, and its record of deleted sessions with it.
    for (const id of ids.slice(1)) activities.delete(id);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM deleted_sessions").get()).toEqual({ n: 0 });
  });
});
