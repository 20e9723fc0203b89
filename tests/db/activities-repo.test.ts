import { beforeEach, describe, expect, it } from "vitest";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { createAnalysisRepo } from "../../server/db/analysis-repo.ts";
import { createFilesRepo } from "../../server/db/files-repo.ts";
import { type Db, openDb } from "../../server/db/open.ts";
import { storable } from "../../server/db/activity-rows.ts";
import { makeActivity as makeParsed, steadySamples } from "./activity-fixture.ts";

const makeActivity = (...args: Parameters<typeof makeParsed>) => storable(makeParsed(...args));

let db: Db;
let files: ReturnType<typeof createFilesRepo>;
let activities: ReturnType<typeof createActivitiesRepo>;

function addFile(sha = "a".repeat(64)): number {
  return files.insert({
    sha256: sha,
    originalName: "run.fit",
    bytes: new Uint8Array([1, 2, 3]),
    importedAt: "2026-01-01T00:00:00.000Z",
  });
}

function count(table: string): number {
  return (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

beforeEach(() => {
  db = openDb(":memory:");
  files = createFilesRepo(db);
  activities = createActivitiesRepo(db);
});

describe("activities repo", () => {
  it("stores a run with its laps and reads it back exactly", () => {
    const fileId = addFile();
    const input = makeActivity();
    const id = activities.insert(fileId, 0, input);
    const stored = activities.get(id);
    expect(stored).not.toBeNull();
    if (!stored) return;
    expect(stored).toMatchObject({ fileId, sessionIndex: 0, sport: "running", isRun: true, hasGps: true });
    expect(stored).toMatchObject({
      sampleCount: 600,
      distanceM: input.distanceM,
      avgCadenceSpm: input.avgCadenceSpm,
    });
    expect(stored.device).toEqual(input.device);
    expect(stored.laps).toEqual(input.laps);
    expect("samples" in stored).toBe(false);
  });

  it("gives the original and the session an activity was read from", () => {
    const fileId = addFile();
    activities.insert(fileId, 0, makeActivity());
    const second = activities.insert(fileId, 1, makeActivity({ startUtc: "2024-07-09T15:00:00.000Z" }));
    expect(activities.original(second)).toEqual({ bytes: new Uint8Array([1, 2, 3]), sessionIndex: 1 });
    expect(activities.original(second + 1)).toBeNull();
  });

  it("marks only running sessions as runs and a file without positions as having no GPS", () => {
    const fileId = addFile();
    activities.insert(fileId, 0, makeActivity({ sport: "cycling", startUtc: "2024-07-09T10:00:00.000Z" }));
    const runId = activities.insert(fileId, 1, makeActivity({ samples: steadySamples(60) }));
    expect(activities.count()).toBe(2);
    expect(activities.count({ runsOnly: true })).toBe(1);
    expect(activities.list({ runsOnly: true }).map((a) => a.id)).toEqual([runId]);
    expect(activities.get(runId)?.hasGps).toBe(false);
  });

  it("lists newest first, paged", () => {
    const fileId = addFile();
    const days = ["2024-01-03", "2024-01-01", "2024-01-02"];
    days.forEach((d, i) =>
      activities.insert(fileId, i, makeActivity({ startUtc: `${d}T07:00:00.000Z`, localDate: d })),
    );
    expect(activities.list().map((a) => a.localDate)).toEqual(["2024-01-03", "2024-01-02", "2024-01-01"]);
    expect(activities.list({ limit: 1, offset: 1 }).map((a) => a.localDate)).toEqual(["2024-01-02"]);
  });

  it("deletes laps and cached analysis with the activity, and the original with its last activity", () => {
    const fileId = addFile();
    const a = activities.insert(fileId, 0, makeActivity());
    const b = activities.insert(fileId, 1, makeActivity({ startUtc: "2024-07-09T15:00:00.000Z" }));
    createAnalysisRepo(db).put(a, 1, { flagged: true });
    expect(activities.delete(a)).toBe(true);
    expect(count("laps")).toBe(2);
    expect(count("run_analysis")).toBe(0);
    expect(files.get(fileId)).not.toBeNull();
    expect(activities.delete(b)).toBe(true);
    expect(files.get(fileId)).toBeNull();
    expect(activities.delete(b)).toBe(false);
  });

  it("rewrites an activity in place, keeping its id", () => {
    const id = activities.insert(addFile(), 0, makeActivity());
    activities.replace(id, makeActivity({ distanceM: 2000, laps: [], samples: steadySamples(10) }));
    const stored = activities.get(id);
    expect(stored?.distanceM).toBe(2000);
    expect(stored?.laps).toEqual([]);
    expect(stored?.sampleCount).toBe(10);
  });

  it("rejects a second activity for the same session of a file", () => {
    const fileId = addFile();
    activities.insert(fileId, 0, makeActivity());
    expect(() => activities.insert(fileId, 0, makeActivity())).toThrow(/UNIQUE/);
  });
});

describe("findDuplicates()", () => {
  let existing: number;
  beforeEach(() => {
    existing = activities.insert(addFile(), 0, makeActivity());
  });

  it("matches the same serial and start time", () => {
    expect(activities.findDuplicates(makeActivity({ distanceM: 5000 }))).toEqual([existing]);
  });

  it("does not match the same serial a minute later, or another serial at the same start", () => {
    expect(activities.findDuplicates(makeActivity({ startUtc: "2024-07-09T14:13:49.000Z" }))).toEqual([]);
    const other = { manufacturer: "garmin", product: "fr955", serialNumber: 1 };
    expect(activities.findDuplicates(makeActivity({ device: other }))).toEqual([]);
  });

  it("without a serial, matches a start within a few seconds, same sport and distance within 1%", () => {
    const noSerial = { manufacturer: "coros", product: null, serialNumber: null };
    expect(
      activities.findDuplicates(
        makeActivity({ device: noSerial, startUtc: "2024-07-09T14:12:52.000Z", distanceM: 1815 }),
      ),
    ).toEqual([existing]);
    expect(activities.findDuplicates(makeActivity({ device: noSerial, distanceM: 1830 }))).toEqual([]);
    expect(activities.findDuplicates(makeActivity({ device: noSerial, sport: "walking" }))).toEqual([]);
    expect(
      activities.findDuplicates(makeActivity({ device: noSerial, startUtc: "2024-07-09T14:13:00.000Z" })),
    ).toEqual([]);
  });

  it("ignores the activity's own file", () => {
    expect(activities.findDuplicates(makeActivity(), 1)).toEqual([]);
  });
});

describe("files repo", () => {
  it("keeps the original bytes and finds them by SHA-256", () => {
    const id = addFile("b".repeat(64));
    expect(files.findBySha256("b".repeat(64))?.id).toBe(id);
    expect(Array.from(files.bytes(id) ?? [])).toEqual([1, 2, 3]);
    expect(files.get(id)).toMatchObject({ originalName: "run.fit", sizeBytes: 3 });
    expect(() => addFile("b".repeat(64))).toThrow(/UNIQUE/);
  });
});

describe("a file that records no UTC offset", () => {
  // 16:14 UTC, as the Suunto 9 file elevate__bloemendaal.fit: the next day in UTC+10.
  const unzoned = { startUtc: "2020-03-04T16:14:31.000Z", utcOffsetS: null, localDate: "2020-03-04" };
  const sydney = 10 * 3600;
  const row = (id: number) =>
    db.sqlite
      .prepare("SELECT utc_offset_s, utc_offset_source, local_date FROM activities WHERE id = ?")
      .get(id);

  it("is dated in this computer's zone at its start, and says so", () => {
    const repo = createActivitiesRepo(db, Date.now, () => sydney);
    const id = repo.insert(addFile(), 0, makeActivity(unzoned));
    expect(row(id)).toEqual({
      utc_offset_s: sydney,
      utc_offset_source: "server-zone",
      local_date: "2020-03-05",
    });
    expect(repo.get(id)?.utcOffsetSource).toBe("server-zone");
  });

  it("takes the offset of the runner's nearest run that records one, whichever was stored first", () => {
    const repo = createActivitiesRepo(db, Date.now, () => 0);
    const id = repo.insert(addFile("a".repeat(64)), 0, makeActivity(unzoned));
    const far = { startUtc: "2019-01-01T08:00:00.000Z", utcOffsetS: 3600, localDate: "2019-01-01" };
    const near = { startUtc: "2020-03-10T08:00:00.000Z", utcOffsetS: sydney, localDate: "2020-03-10" };
    repo.insert(addFile("b".repeat(64)), 0, makeActivity(far));
    repo.insert(addFile("c".repeat(64)), 0, makeActivity(near));
    createAnalysisRepo(db).put(id, 1, { flagged: true });
    expect(repo.settleAssumedOffsets()).toBe(1);
    expect(row(id)).toEqual({
      utc_offset_s: sydney,
      utc_offset_source: "nearby-run",
      local_date: "2020-03-05",
    });
    // Its cached result carried the old date.
    expect(count("run_analysis")).toBe(0);
    expect(repo.settleAssumedOffsets()).toBe(0);
  });

  it("never takes another run's assumed offset, and a re-read assumes again before settling", () => {
    const repo = createActivitiesRepo(db, Date.now, () => sydney);
    const first = repo.insert(addFile("a".repeat(64)), 0, makeActivity(unzoned));
    const second = repo.insert(
      addFile("b".repeat(64)),
      0,
      makeActivity({ ...unzoned, startUtc: "2020-03-04T20:00:00.000Z" }),
    );
    expect(repo.settleAssumedOffsets()).toBe(0);
    expect(row(first)).toMatchObject({ utc_offset_source: "server-zone" });
    repo.insert(
      addFile("c".repeat(64)),
      0,
      makeActivity({ startUtc: "2020-03-06T08:00:00.000Z", utcOffsetS: -7200 }),
    );
    repo.settleAssumedOffsets();
    repo.replace(second, makeActivity({ ...unzoned, startUtc: "2020-03-04T20:00:00.000Z" }));
    expect(row(second)).toMatchObject({ utc_offset_s: sydney, utc_offset_source: "server-zone" });
    repo.settleAssumedOffsets();
    expect(row(second)).toEqual({
      utc_offset_s: -7200,
      utc_offset_source: "nearby-run",
      local_date: "2020-03-04",
    });
  });

  it("keeps a file's own offset, whatever the zone", () => {
    const repo = createActivitiesRepo(db, Date.now, () => sydney);
    const id = repo.insert(addFile(), 0, makeActivity());
    expect(row(id)).toEqual({ utc_offset_s: 7200, utc_offset_source: "file", local_date: "2024-07-09" });
  });
});
