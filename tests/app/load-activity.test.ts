import { describe, expect, it } from "vitest";
import { parseFit } from "../../fit-parser/index.ts";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import { OFF_THREAD_BYTES, loadActivity } from "../../server/app/load-activity.ts";
import { loadActivityAsync } from "../../server/app/stored-run/off-thread.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { openDb } from "../../server/db/open.ts";
import { readCorpusFile } from "../support/corpus.ts";
import { encodeRun } from "./fixtures.ts";

async function imported(bytes: Uint8Array) {
  const db = openDb(":memory:");
  const report = await importAndAnalyse(db, [{ name: "run.fit", bytes }]);
  return { db, repo: createActivitiesRepo(db), ids: report.results[0]?.activityIds ?? [] };
}

describe("loadActivity()", () => {
  it("gives a stored run its samples, read from the original, exactly as the parser gives them", async () => {
    const bytes = encodeRun({ durationS: 900 });
    const { repo, ids } = await imported(bytes);
    const loaded = loadActivity(repo, ids[0] ?? -1);
    const parsed = parseFit(bytes);
    if (!parsed.ok) throw new Error(parsed.message);
    const expected = parsed.activities[0]?.samples;
    expect(loaded?.samples.count).toBe(901);
    expect(loaded?.sampleCount).toBe(901);
    expect(Array.from(loaded?.samples.cadenceSpm ?? [])).toEqual(Array.from(expected?.cadenceSpm ?? []));
    expect(Array.from(loaded?.samples.timeS ?? [])).toEqual(Array.from(expected?.timeS ?? []));
    expect(loaded?.laps.length).toBeGreaterThan(0);
  });

  it("picks each leg of a multisport file by its session", async () => {
    const { repo, ids } = await imported(readCorpusFile("fitparse__sample_mulitple_header.fit"));
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) {
      const loaded = loadActivity(repo, id);
      expect(loaded?.samples.count).toBe(loaded?.sampleCount);
      const first = loaded?.samples.timeS[0];
      if (loaded && loaded.samples.count > 0) expect(first).toBe(0);
    }
  });

  it("leaves the samples empty, not another session's, when the stored row no longer matches the original", async () => {
    const { db, repo, ids } = await imported(encodeRun());
    db.sqlite
      .prepare("UPDATE activities SET start_utc = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .run(ids[0]);
    const loaded = loadActivity(repo, ids[0] ?? -1);
    expect(loaded?.samples.count).toBe(0);
    expect(loaded?.startUtc).toBe("2020-01-01T00:00:00.000Z");
  });

  it("is null for an activity that does not exist", async () => {
    const { repo } = await imported(encodeRun());
    expect(loadActivity(repo, 999)).toBeNull();
  });

  it("parses a large original on a worker, the same samples as the parser, and keeps them for the next open", async () => {
    const bytes = encodeRun({ durationS: 4 * 3600 });
    expect(bytes.byteLength).toBeGreaterThan(OFF_THREAD_BYTES);
    const { repo, ids } = await imported(bytes);
    const loaded = await loadActivityAsync(repo, ids[0] ?? -1);
    const parsed = parseFit(bytes);
    if (!parsed.ok) throw new Error(parsed.message);
    const expected = parsed.activities[0]?.samples;
    expect(loaded?.samples.count).toBe(4 * 3600 + 1);
    expect(Array.from(loaded?.samples.cadenceSpm ?? [])).toEqual(Array.from(expected?.cadenceSpm ?? []));
    expect(Array.from(loaded?.samples.distanceM ?? [])).toEqual(Array.from(expected?.distanceM ?? []));
    expect((await loadActivityAsync(repo, ids[0] ?? -1))?.samples).toBe(loaded?.samples);
    expect(loadActivity(repo, ids[0] ?? -1)?.samples).toBe(loaded?.samples);
  });

  it("leaves a large original's samples empty too when the row no longer matches it", async () => {
    const { db, repo, ids } = await imported(encodeRun({ durationS: 4 * 3600 }));
    db.sqlite
      .prepare("UPDATE activities SET start_utc = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .run(ids[0]);
    expect((await loadActivityAsync(repo, ids[0] ?? -1))?.samples.count).toBe(0);
  });
});
