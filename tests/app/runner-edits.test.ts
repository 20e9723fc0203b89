import { describe, expect, it } from "vitest";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import { loadActivity } from "../../server/app/load-activity.ts";
import { reanalyseAll } from "../../server/app/reanalyse.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { openDb } from "../../server/db/open.ts";
import { createRunEditsRepo } from "../../server/db/run-edits-repo.ts";
import { createShoesRepo } from "../../server/db/shoes-repo.ts";
import { painByShoe } from "../../server/core/shoe-context.ts";
import { encodeRun } from "./fixtures.ts";

describe("the runner's edits on a run", () => {
  it("survive reanalyse: name, notes, shoe and a date moved off 1990", async () => {
    const db = openDb(":memory:");
    const report = await importAndAnalyse(db, [
      { name: "old.fit", bytes: encodeRun({ start: "1990-07-18T07:00:00.000Z", durationS: 600 }) },
    ]);
    const id = report.results[0]?.activityIds[0] ?? -1;
    const shoe = createShoesRepo(db).create(
      { name: "Pair", retireAtM: 700_000, isDefault: false, retired: false },
      "2026-01-01T00:00:00.000Z",
    );
    const edits = createRunEditsRepo(db);
    expect(edits.apply(id, { name: "Track", notes: "6 x 400", shoeId: shoe.id, dateShiftDays: 365 })).toBe(
      true,
    );
    const activities = createActivitiesRepo(db);
    const moved = activities.get(id);
    expect(moved?.localDate).toBe("1991-07-18");
    expect(moved?.startUtc).toBe("1991-07-18T07:00:00.000Z");

    reanalyseAll(db);
    const after = loadActivity(activities, id);
    expect(after).toMatchObject({ name: "Track", notes: "6 x 400", shoeId: shoe.id, dateShiftDays: 365 });
    expect(after?.localDate).toBe("1991-07-18");
    // The samples are still found in the original, where the file puts the run.
    expect(after?.samples.count).toBeGreaterThan(100);
    expect(edits.apply(id + 1000, { name: "x" })).toBe(false);
  });

  it("a new run gets the default pair; a retired pair is never the default", async () => {
    const db = openDb(":memory:");
    const shoes = createShoesRepo(db);
    const now = "2026-01-01T00:00:00.000Z";
    const a = shoes.create({ name: "A", retireAtM: 700_000, isDefault: true, retired: false }, now);
    const b = shoes.create({ name: "B", retireAtM: 700_000, isDefault: true, retired: false }, now);
    expect(shoes.get(a.id)?.isDefault).toBe(false);
    const report = await importAndAnalyse(db, [{ name: "run.fit", bytes: encodeRun() }]);
    const id = report.results[0]?.activityIds[0] ?? -1;
    expect(createActivitiesRepo(db).get(id)?.shoeId).toBe(b.id);
    expect(
      shoes.update(b.id, { name: "B", retireAtM: 700_000, isDefault: true, retired: true })?.isDefault,
    ).toBe(false);
  });
});

describe("painByShoe()", () => {
  it("counts runs, covered runs and runs followed by pain per shoe", () => {
    const rows = painByShoe([
      { shoeId: 1, eligible: true, painEvent: true },
      { shoeId: 1, eligible: true, painEvent: false },
      { shoeId: 1, eligible: false, painEvent: true },
      { shoeId: null, eligible: true, painEvent: false },
    ]);
    expect(rows).toEqual([
      { shoeId: 1, runs: 3, eligibleRuns: 2, runsFollowedByPain: 1 },
      { shoeId: null, runs: 1, eligibleRuns: 1, runsFollowedByPain: 0 },
    ]);
  });
});
