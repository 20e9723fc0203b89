import { beforeEach, describe, expect, it } from "vitest";
import { painEntryInputSchema } from "../../server/api/pain.ts";
import { openDb, type Db } from "../../server/db/open.ts";
import { createPainRepo } from "../../server/db/pain-repo.ts";

let db: Db;
let pain: ReturnType<typeof createPainRepo>;
beforeEach(() => {
  db = openDb(":memory:");
  pain = createPainRepo(db);
});

const NOW = "2026-03-01T08:00:00.000Z";

describe("pain repo", () => {
  it("keeps one entry per day: upsert updates the date's entry, create refuses a second", () => {
    const first = pain.upsert(painEntryInputSchema.parse({ date: "2026-02-20", severity: 0 }), NOW);
    expect(first.created).toBe(true);
    const later = "2026-03-01T20:00:00.000Z";
    const second = pain.upsert(
      painEntryInputSchema.parse({ date: "2026-02-20", severity: 3, location: "lateral" }),
      later,
    );
    expect(second).toMatchObject({
      created: false,
      entry: { id: first.entry.id, severity: 3, loggedAt: later },
    });
    expect(pain.list()).toHaveLength(1);
    expect(() => pain.create(painEntryInputSchema.parse({ date: "2026-02-20", severity: 0 }), NOW)).toThrow(
      /already a pain entry for 2026-02-20/,
    );
  });

  it("keeps loggedAt when only the note changes, and moves it when the severity does", () => {
    const input = painEntryInputSchema.parse({ date: "2026-02-20", severity: 4, location: "lateral" });
    const { entry } = pain.upsert(input, NOW);
    const noted = pain.update(entry.id, { ...input, note: "stairs" }, "2026-03-09T00:00:00.000Z");
    expect(noted?.loggedAt).toBe(NOW);
    const worse = pain.update(entry.id, { ...input, severity: 6 }, "2026-03-09T00:00:00.000Z");
    expect(worse).toMatchObject({ loggedAt: "2026-03-09T00:00:00.000Z", recalled: true });
  });

  it("stores an entry and reads back the same PainEntry", () => {
    const input = painEntryInputSchema.parse({
      date: "2026-02-28",
      severity: 4,
      location: "lateral",
      side: "right",
      timing: "after_run",
      note: "after the long run",
      redFlags: ["pain_at_rest_or_night"],
    });
    const created = pain.create(input, NOW);
    expect(created).toEqual({
      id: created.id,
      ...input,
      loggedAt: NOW,
      recalled: false,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(pain.get(created.id)).toEqual(created);
  });

  it("stores a pain-free day with its defaults", () => {
    const created = pain.create(painEntryInputSchema.parse({ date: "2026-02-27", severity: 0 }), NOW);
    expect(created).toMatchObject({
      severity: 0,
      location: null,
      side: null,
      timing: null,
      note: "",
      redFlags: [],
    });
  });

  it("lists by date within a range, and updates and deletes", () => {
    const a = pain.create(painEntryInputSchema.parse({ date: "2026-02-10", severity: 0 }), NOW);
    pain.create(painEntryInputSchema.parse({ date: "2026-02-01", severity: 2, location: "unsure" }), NOW);
    expect(pain.list().map((e) => e.date)).toEqual(["2026-02-01", "2026-02-10"]);
    expect(pain.list({ from: "2026-02-05", to: "2026-02-28" }).map((e) => e.id)).toEqual([a.id]);
    const later = "2026-03-02T08:00:00.000Z";
    const updated = pain.update(
      a.id,
      painEntryInputSchema.parse({ date: "2026-02-10", severity: 3, location: "buttock" }),
      later,
    );
    expect(updated).toMatchObject({ severity: 3, location: "buttock", createdAt: NOW, updatedAt: later });
    expect(
      pain.update(999, painEntryInputSchema.parse({ date: "2026-02-10", severity: 0 }), later),
    ).toBeNull();
    expect(pain.delete(a.id)).toBe(true);
    expect(pain.get(a.id)).toBeNull();
  });

  it("lets the table's CHECKs refuse what the vocabulary does not allow", () => {
    const bad = {
      date: "2026-02-10",
      severity: 11,
      location: null,
      side: null,
      timing: null,
      note: "",
      redFlags: [],
    };
    expect(() => pain.create(bad, NOW)).toThrow(/CHECK/);
    const badLocation = { ...bad, severity: 2, location: "knee" as "lateral" };
    expect(() => pain.create(badLocation, NOW)).toThrow(/CHECK/);
  });
});
