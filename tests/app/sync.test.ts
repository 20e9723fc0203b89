import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { syncFolder, watchFolder } from "../../server/app/sync.ts";
import type { ImportOutcome } from "../../server/app/import/types.ts";
import { type Db, openDb } from "../../server/db/open.ts";
import { readCorpusFile } from "../support/corpus.ts";
import { encodeRun, tempDir } from "./fixtures.ts";

let db: Db;
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  db = openDb(":memory:");
  tmp = tempDir();
});
afterEach(() => {
  db.close();
  tmp.remove();
});

function activityCount(): number {
  return (db.sqlite.prepare("SELECT count(*) AS n FROM activities").get() as { n: number }).n;
}

describe("syncFolder()", () => {
  it("imports what is new, and running it again imports nothing and reads nothing", async () => {
    const activity = join(tmp.path, "GARMIN", "Activity");
    mkdirSync(activity, { recursive: true });
    writeFileSync(join(activity, "A1.FIT"), encodeRun({ start: "2025-05-01T07:00:00.000Z" }));
    writeFileSync(join(activity, "A2.FIT"), encodeRun({ start: "2025-05-02T07:00:00.000Z" }));
    writeFileSync(join(tmp.path, "GARMIN", "Settings.fit"), readCorpusFile("fitparse__Settings.fit"));
    const first = await syncFolder(db, tmp.path);
    expect(first.summary).toEqual({ imported: 2, duplicate: 0, skipped: 1, rejected: 0 });
    expect(first.unchanged).toBe(0);

    const second = await syncFolder(db, tmp.path);
    expect(second.results).toEqual([]);
    expect(second.unchanged).toBe(3);

    writeFileSync(join(activity, "A3.FIT"), encodeRun({ start: "2025-05-03T07:00:00.000Z" }));
    const third = await syncFolder(db, tmp.path);
    expect(third.results.map((r) => [r.file.slice(tmp.path.length + 1), r.status])).toEqual([
      ["GARMIN/Activity/A3.FIT", "imported"],
    ]);
    expect(activityCount()).toBe(3);
  });

  it("looks again at a file whose size or mtime changed, and dedupes it by content", async () => {
    const file = join(tmp.path, "run.fit");
    writeFileSync(file, encodeRun());
    await syncFolder(db, tmp.path);
    utimesSync(file, new Date("2030-01-01"), new Date("2030-01-01"));
    const again = await syncFolder(db, tmp.path);
    expect(again.results.map((r) => [r.status, r.code])).toEqual([["duplicate", "same-file"]]);
    expect(activityCount()).toBe(1);
  });
});

describe("watchFolder()", () => {
  it("imports files that appear while watching, once they finish being written", async () => {
    writeFileSync(join(tmp.path, "old.fit"), encodeRun({ start: "2025-05-01T07:00:00.000Z" }));
    const outcomes: ImportOutcome[] = [];
    const watcher = watchFolder(db, tmp.path, { stabilityMs: 200, onResult: (o) => outcomes.push(o) });
    const initial = await watcher.ready;
    expect(initial.summary.imported).toBe(1);
    writeFileSync(join(tmp.path, "new.fit"), encodeRun({ start: "2025-05-05T07:00:00.000Z" }));
    const deadline = Date.now() + 10_000;
    while (activityCount() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await watcher.close();
    expect(activityCount()).toBe(2);
    expect(outcomes.map((o) => [o.file.slice(tmp.path.length + 1), o.status])).toEqual([
      ["old.fit", "imported"],
      ["new.fit", "imported"],
    ]);
  });
});
