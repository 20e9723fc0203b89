import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ParsedFile } from "../../server/app/import/engine/engine.ts";
import { parseFile } from "../../server/app/import/engine/parse-file.ts";
import { PreparedRuns } from "../../server/app/import/engine/prepared-runs.ts";
import { storeBatch } from "../../server/app/import/store-batch.ts";
import { importContext } from "../../server/app/import/store-file.ts";
import { type Db, openDb } from "../../server/db/open.ts";
import { encodeRun } from "./fixtures.ts";

let db: Db;
beforeEach(() => {
  db = openDb(":memory:");
});
afterEach(() => db.close());

function parsed(day: number): ParsedFile {
  const raw = encodeRun({ start: `2025-05-${String(day).padStart(2, "0")}T07:00:00.000Z` });
  const display = `run-${day}.fit`;
  const file = { display, gzipped: false, maxFitBytes: 1e6, raw };
  return { display, result: parseFile(file, () => false, { prepare: true, pack: true }) };
}

const count = (table: string): number =>
  (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("storeBatch()", () => {
  it("stores a batch in one transaction, a failing file rolled back alone, and keeps the stored runs' input", () => {
    const files = [parsed(1), parsed(2), parsed(3)];
    const bad = files[1]?.result;
    // A session without a start: the activities insert fails (NOT NULL) after the file row went in.
    if (bad?.kind === "parsed" && bad.parsed.ok) {
      (bad.parsed.activities[0] as { startUtc: string | null }).startUtc = null;
    }
    const keep = new PreparedRuns();
    const outcomes = storeBatch(importContext(db), files, keep);
    expect(outcomes.map((o) => o.status)).toEqual(["imported", "rejected", "imported"]);
    expect(count("files")).toBe(2);
    expect(count("activities")).toBe(2);
    const ids = outcomes.flatMap((o) => o.activityIds);
    expect(ids.map((id) => keep.has(id))).toEqual([true, true]);
    expect(keep.size).toBe(2);
  });

  it("stores each file on its own when the batch is lost as a whole (its commit failing, say)", () => {
    let fail = true;
    // The batch's own transaction runs everything, then fails: SQLite rolls it all back.
    const flaky: Db = {
      ...db,
      transaction: <T>(fn: () => T): T => {
        if (fail && !db.sqlite.inTransaction) {
          fail = false;
          return db.transaction(() => {
            fn();
            throw new Error("disk I/O error");
          });
        }
        return db.transaction(fn);
      },
    };
    const keep = new PreparedRuns();
    const added: number[] = [];
    const add = keep.add.bind(keep);
    keep.add = (id, start, prepared) => {
      added.push(id);
      add(id, start, prepared);
    };
    const outcomes = storeBatch(importContext(flaky), [parsed(4), parsed(5), parsed(6)], keep);
    expect(fail).toBe(false);
    expect(outcomes.map((o) => o.status)).toEqual(["imported", "imported", "imported"]);
    expect(count("files")).toBe(3);
    const ids = outcomes.flatMap((o) => o.activityIds);
    expect(new Set(ids).size).toBe(3);
    // Only the ids that stand are kept: nothing from the lost batch.
    expect(added).toEqual(ids);
    expect(keep.size).toBe(3);
  });
});
