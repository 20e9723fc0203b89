import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeActivity } from "../../fit-parser/encode.ts";
import type * as Parser from "../../fit-parser/index.ts";
import { parseFit } from "../../fit-parser/index.ts";
import { parseFile } from "../../server/app/import/engine/parse-file.ts";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import type { ImportProgress } from "../../server/app/import/types.ts";
import { loadActivity } from "../../server/app/load-activity.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { type Db, openDb } from "../../server/db/open.ts";
import { readCorpusFile } from "../support/corpus.ts";
import { makeZip } from "../support/zip-writer.ts";
import { encodeRun, gzip, tempDir } from "./fixtures.ts";

// parseFit as it is, counted: the import must parse each new file once, and nothing after it.
vi.mock("../../fit-parser/index.ts", async (original) => {
  const parser = await original<typeof Parser>();
  return { ...parser, parseFit: vi.fn(parser.parseFit) };
});

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

function count(table: string): number {
  return (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

const statuses = (r: { results: { file: string; status: string }[] }): [string, string][] =>
  r.results.map((o) => [o.file, o.status]);

describe("importAndAnalyse()", () => {
  it("imports a .fit, a .fit.gz and in-memory bytes, each with its activities, laps and series", async () => {
    writeFileSync(join(tmp.path, "a.fit"), encodeRun({ start: "2025-05-01T07:00:00.000Z" }));
    writeFileSync(join(tmp.path, "b.fit.gz"), gzip(encodeRun({ start: "2025-05-02T07:00:00.000Z" })));
    const upload = { name: "upload.fit", bytes: encodeRun({ start: "2025-05-03T07:00:00.000Z" }) };
    const report = await importAndAnalyse(db, [join(tmp.path, "a.fit"), join(tmp.path, "b.fit.gz"), upload]);
    expect(report.summary).toEqual({ imported: 3, duplicate: 0, skipped: 0, rejected: 0 });
    expect(report.results.map((r) => r.activityIds.length)).toEqual([1, 1, 1]);
    const stored = loadActivity(createActivitiesRepo(db), report.results[1]?.activityIds[0] ?? -1);
    expect(stored).toMatchObject({ sport: "running", isRun: true, localDate: "2025-05-02" });
    expect(stored?.samples.count).toBe(301);
    expect(stored?.laps.length).toBeGreaterThan(0);
    expect(count("files")).toBe(3);
  });

  it("parses each new file once and analyses its runs from that parse, reading no original again", async () => {
    vi.mocked(parseFit).mockClear();
    const run = encodeRun({ start: "2025-05-01T07:00:00.000Z" });
    const report = await importAndAnalyse(db, [
      { name: "run.fit", bytes: run },
      { name: "again.fit", bytes: run },
      { name: "walk.fit", bytes: readCorpusFile("fitparse__garmin-fenix-5-walk.fit") },
      { name: "tri.fit", bytes: readCorpusFile("fitparse__sample_mulitple_header.fit") },
    ]);
    expect(statuses(report).map(([, s]) => s)).toEqual(["imported", "duplicate", "imported", "imported"]);
    // Each file once; the second copy is read before the first is stored, so it is parsed too.
    expect(parseFit).toHaveBeenCalledTimes(4);
    vi.mocked(parseFit).mockClear();
    const again = await importAndAnalyse(db, [{ name: "run.fit", bytes: run }]);
    // Bytes stored already are known by their hash: not parsed.
    expect(again.summary.duplicate).toBe(1);
    expect(parseFit).not.toHaveBeenCalled();
    const activities = createActivitiesRepo(db);
    const runIds = report.results.flatMap((r) => r.activityIds).filter((id) => activities.get(id)?.isRun);
    expect(new Set(runIds).size).toBe(2);
    expect(report.analysis).toEqual({ runs: 2, analysed: 2 });
    expect(count("run_analysis")).toBe(2);
  });

  it("keeps a walk as an activity that is not a run, and a triathlon's run leg as a run", async () => {
    const report = await importAndAnalyse(db, [
      { name: "walk.fit", bytes: readCorpusFile("fitparse__garmin-fenix-5-walk.fit") },
      { name: "tri.fit", bytes: readCorpusFile("fitparse__sample_mulitple_header.fit") },
    ]);
    expect(report.summary.imported).toBe(2);
    const activities = createActivitiesRepo(db);
    const walk = activities.get(report.results[0]?.activityIds[0] ?? -1);
    expect(walk).toMatchObject({ sport: "walking", isRun: false });
    const legs = (report.results[1]?.activityIds ?? []).map((id) => activities.get(id));
    expect(legs.filter((a) => a?.isRun).map((a) => a?.sport)).toEqual(["running"]);
    expect(legs.length).toBe(5);
  });

  it("imports a Garmin-account-export-shaped zip with nested UploadedFiles zips", async () => {
    const part1 = makeZip([
      {
        name: "someone@example.com_101.fit",
        bytes: encodeRun({ start: "2025-04-01T06:00:00.000Z" }),
        deflate: true,
      },
      { name: "someone@example.com_102.fit", bytes: readCorpusFile("fitparse__MonitoringFile.fit") },
      { name: "someone@example.com_103.fit", bytes: readCorpusFile("elevate__._empty.fit") },
    ]);
    const part2 = makeZip([
      { name: "someone@example.com_201.fit", bytes: encodeRun({ start: "2025-04-02T06:00:00.000Z" }) },
    ]);
    const exportZip = makeZip([
      {
        name: "DI_CONNECT/DI-Connect-Fitness/someone_0_summarizedActivities.json",
        bytes: Buffer.from("[]"),
        deflate: true,
      },
      { name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", bytes: part1 },
      { name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip", bytes: part2 },
      { name: "DI_CONNECT/DI-Connect-Wellness/sleep.json", bytes: Buffer.from("{}") },
    ]);
    writeFileSync(join(tmp.path, "export.zip"), exportZip);
    const report = await importAndAnalyse(db, [join(tmp.path, "export.zip")]);
    const up = join(tmp.path, "export.zip", "DI_CONNECT/DI-Connect-Uploaded-Files");
    expect(statuses(report)).toEqual([
      [
        join(tmp.path, "export.zip/DI_CONNECT/DI-Connect-Fitness/someone_0_summarizedActivities.json"),
        "skipped",
      ],
      [`${up}/UploadedFiles_0-_Part1.zip/someone@example.com_101.fit`, "imported"],
      [`${up}/UploadedFiles_0-_Part1.zip/someone@example.com_102.fit`, "skipped"],
      [`${up}/UploadedFiles_0-_Part1.zip/someone@example.com_103.fit`, "rejected"],
      [`${up}/UploadedFiles_0-_Part2.zip/someone@example.com_201.fit`, "imported"],
      [join(tmp.path, "export.zip/DI_CONNECT/DI-Connect-Wellness/sleep.json"), "skipped"],
    ]);
    expect(report.results[2]?.code).toBe("not-an-activity");
    expect(report.results[3]).toMatchObject({ code: "not-a-fit-file" });
    expect(report.results[0]?.message).toMatch(/Not a FIT file \(a \.json file\)/);
    expect(createActivitiesRepo(db).count()).toBe(2);
  });

  it("reads every file of archives nested three deep, in order, re-opening each nested archive as needed", async () => {
    const at = (day: number): Uint8Array => encodeRun({ start: `2025-02-0${day}T06:00:00.000Z` });
    const innermost = makeZip([
      { name: "b.fit", bytes: at(2) },
      { name: "c.fit", bytes: at(3) },
    ]);
    const part1 = makeZip([
      { name: "a.fit", bytes: at(1) },
      { name: "inner.zip", bytes: innermost, deflate: true },
      { name: "d.fit", bytes: at(4) },
    ]);
    const part2 = makeZip([{ name: "e.fit", bytes: at(5) }]);
    const outer = makeZip([
      { name: "part1.zip", bytes: part1 },
      { name: "f.fit", bytes: at(6) },
      { name: "part2.zip", bytes: part2, deflate: true },
    ]);
    const report = await importAndAnalyse(db, [{ name: "outer.zip", bytes: outer }]);
    expect(statuses(report)).toEqual([
      ["outer.zip/part1.zip/a.fit", "imported"],
      ["outer.zip/part1.zip/inner.zip/b.fit", "imported"],
      ["outer.zip/part1.zip/inner.zip/c.fit", "imported"],
      ["outer.zip/part1.zip/d.fit", "imported"],
      ["outer.zip/f.fit", "imported"],
      ["outer.zip/part2.zip/e.fit", "imported"],
    ]);
    const days = createActivitiesRepo(db)
      .list()
      .map((a) => a.localDate);
    expect(days).toEqual([
      "2025-02-06",
      "2025-02-05",
      "2025-02-04",
      "2025-02-03",
      "2025-02-02",
      "2025-02-01",
    ]);
  });

  it("imports a Strava-bulk-export-shaped folder, skipping the GPX/TCX beside the FIT files", async () => {
    const acts = join(tmp.path, "strava", "activities");
    mkdirSync(acts, { recursive: true });
    writeFileSync(join(tmp.path, "strava", "activities.csv"), "Activity ID,Activity Date\n");
    writeFileSync(
      join(acts, "1001.fit.gz"),
      gzip(encodeRun({ start: "2025-03-01T06:00:00.000Z", serial: null })),
    );
    writeFileSync(join(acts, "1002.gpx"), "<gpx/>");
    writeFileSync(join(acts, "1003.tcx.gz"), gzip(Buffer.from("<TrainingCenterDatabase/>")));
    writeFileSync(join(acts, "1004.fit.gz"), Buffer.from("this is not gzip"));
    const report = await importAndAnalyse(db, [join(tmp.path, "strava")]);
    expect(statuses(report).map(([f, s]) => [f.slice(tmp.path.length + 1), s])).toEqual([
      ["strava/activities/1001.fit.gz", "imported"],
      ["strava/activities/1002.gpx", "skipped"],
      ["strava/activities/1003.tcx.gz", "skipped"],
      ["strava/activities/1004.fit.gz", "rejected"],
      ["strava/activities.csv", "skipped"],
    ]);
    expect(report.results[3]).toMatchObject({ code: "corrupt-archive" });
  });

  it("reports the same bytes twice as a duplicate, even once gzipped", async () => {
    const run = encodeRun();
    const first = await importAndAnalyse(db, [{ name: "run.fit", bytes: run }]);
    const again = await importAndAnalyse(db, [
      { name: "run-again.fit", bytes: run },
      { name: "run.fit.gz", bytes: gzip(run) },
    ]);
    expect(again.results.map((r) => [r.status, r.code])).toEqual([
      ["duplicate", "same-file"],
      ["duplicate", "same-file"],
    ]);
    expect(again.results[0]?.activityIds).toEqual(first.results[0]?.activityIds);
    expect(count("files")).toBe(1);
  });

  it("reports the same activity re-encoded as a duplicate: by serial and start, or without serial by start, sport and distance", async () => {
    const report = await importAndAnalyse(db, [
      { name: "watch.fit", bytes: encodeRun({ heartRateBpm: 140 }) },
      { name: "re-export.fit", bytes: encodeRun({ heartRateBpm: 150 }) },
      { name: "app-a.fit", bytes: encodeRun({ serial: null, start: "2025-06-01T07:00:00.000Z" }) },
      {
        name: "app-b.fit",
        bytes: encodeRun({ serial: null, start: "2025-06-01T07:00:03.000Z", heartRateBpm: 141 }),
      },
      {
        name: "other-run.fit",
        bytes: encodeRun({ serial: null, start: "2025-06-01T07:00:03.000Z", speedMps: 3.3 }),
      },
    ]);
    expect(report.results.map((r) => [r.file, r.status])).toEqual([
      ["watch.fit", "imported"],
      ["re-export.fit", "duplicate"],
      ["app-a.fit", "imported"],
      ["app-b.fit", "duplicate"],
      ["other-run.fit", "imported"],
    ]);
    expect(report.results[1]?.activityIds).toEqual(report.results[0]?.activityIds);
    expect(report.results[1]?.code).toBe("same-activity");
    expect(count("files")).toBe(3);
  });

  it("imports only the new sessions of a multisport file whose run leg is already stored", async () => {
    const runLeg = encodeActivity({
      start: new Date("2020-04-20T19:57:15.000Z"),
      durationS: 60,
      device: { manufacturer: "garmin", serialNumber: 3306099159 },
      samples: { speedMps: () => 3 },
    });
    const report = await importAndAnalyse(db, [
      { name: "run-only.fit", bytes: runLeg },
      { name: "multisport.fit", bytes: readCorpusFile("muktihari__activity_multisport.fit") },
    ]);
    expect(report.results.map((r) => [r.status, r.activityIds.length])).toEqual([
      ["imported", 1],
      ["imported", 1],
    ]);
    expect(report.results[1]?.message).toBe(
      "1 session of this file was already stored from another file and left out.",
    );
    const sports = createActivitiesRepo(db)
      .list()
      .map((a) => a.sport)
      .sort();
    expect(sports).toEqual(["cycling", "running"]);
  });

  it("goes on past corrupt files in the middle of a batch", async () => {
    const good = encodeRun({ start: "2025-05-10T07:00:00.000Z" });
    const report = await importAndAnalyse(db, [
      { name: "1.fit", bytes: encodeRun({ start: "2025-05-09T07:00:00.000Z" }) },
      { name: "2-truncated.fit", bytes: good.slice(0, 40) },
      { name: "3-garbage.fit", bytes: new Uint8Array(500).fill(7) },
      { name: "4-empty.fit", bytes: new Uint8Array(0) },
      { name: "5.fit", bytes: good },
    ]);
    expect(report.results.map((r) => r.status)).toEqual([
      "imported",
      "rejected",
      "rejected",
      "rejected",
      "imported",
    ]);
    for (const r of report.results.slice(1, 4)) {
      expect(r.code).toMatch(/^[a-z-]+$/);
      expect(r.message).toBeTruthy();
    }
    expect(report.summary).toEqual({ imported: 2, duplicate: 0, skipped: 0, rejected: 3 });
    expect(count("files")).toBe(2);
  });

  it("writes nothing of a file when storing one of its sessions fails", async () => {
    db.sqlite.exec(
      "CREATE TEMP TRIGGER fail_second BEFORE INSERT ON activities WHEN NEW.session_index = 1 BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    const report = await importAndAnalyse(db, [
      { name: "multi.fit", bytes: readCorpusFile("muktihari__activity_multisport.fit") },
      { name: "run.fit", bytes: encodeRun() },
    ]);
    expect(report.results.map((r) => [r.status, r.code])).toEqual([
      ["rejected", "import-failed"],
      ["imported", undefined],
    ]);
    expect(count("files")).toBe(1);
    expect(count("activities")).toBe(1);
    expect(count("laps")).toBe(count("laps WHERE activity_id IN (SELECT id FROM activities)"));
  });

  it("reports progress as files done, total and the current file", async () => {
    const seen: ImportProgress[] = [];
    await importAndAnalyse(
      db,
      [
        { name: "a.fit", bytes: encodeRun() },
        { name: "b.gpx", bytes: new Uint8Array(1) },
      ],
      {
        onProgress: (p) => seen.push(p),
      },
    );
    expect(seen).toEqual([
      { done: 0, total: 2, current: "a.fit" },
      { done: 1, total: 2, current: "b.gpx" },
      { done: 2, total: 2, current: null },
    ]);
  });

  it("reports a path that does not exist and goes on", async () => {
    const report = await importAndAnalyse(db, [
      join(tmp.path, "nope.fit"),
      { name: "a.fit", bytes: encodeRun() },
    ]);
    expect(report.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ["rejected", "not-found"],
      ["imported", null],
    ]);
  });

  it("says a file that went away after the folder was listed cannot be read, naming it, not the data folder", async () => {
    const folder = join(tmp.path, "watch");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.fit"), encodeRun({ start: "2025-05-01T07:00:00.000Z" }));
    writeFileSync(join(folder, "b.fit"), encodeRun({ start: "2025-05-02T07:00:00.000Z" }));
    const report = await importAndAnalyse(db, [folder], {
      // Before any file is read: b.fit is listed, then removed (a watch unmounted mid-import).
      onProgress: (p) => {
        if (p.done === 0 && existsSync(join(folder, "b.fit"))) rmSync(join(folder, "b.fit"));
      },
    });
    expect(report.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ["imported", null],
      ["rejected", "unreadable-file"],
    ]);
    expect(report.results[1]?.message).toMatch(/b\.fit cannot be read \(ENOENT: /);
  });
});

describe("parseFile(), on this thread or a worker", () => {
  const settings = { prepare: true, pack: true };
  const stored = (): boolean => false;

  it("says a file that cannot be read is unreadable, naming it", () => {
    const file = { display: "gone.fit", path: join(tmp.path, "gone.fit"), gzipped: false, maxFitBytes: 1e6 };
    expect(parseFile(file, stored, settings)).toMatchObject({
      kind: "refused",
      code: "unreadable-file",
      message: expect.stringMatching(/gone\.fit cannot be read \(ENOENT: /),
    });
  });

  it("refuses a file over the limit before reading it, and reads the rest into shared memory", () => {
    writeFileSync(join(tmp.path, "run.fit"), encodeRun());
    const file = { display: "run.fit", path: join(tmp.path, "run.fit"), gzipped: false, maxFitBytes: 100 };
    expect(parseFile(file, stored, settings)).toMatchObject({
      kind: "refused",
      message: expect.stringMatching(/run\.fit is larger than the 100-byte limit/),
    });
    const read = parseFile({ ...file, maxFitBytes: 1e6 }, stored, settings);
    if (read.kind !== "parsed") throw new Error(`not parsed: ${read.kind}`);
    expect(read.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(read.parsed.ok).toBe(true);
    // The run is prepared for its analysis alongside: its running samples, from 1 s records.
    expect(read.prepared[0]?.running?.columns.timeS?.length).toBeGreaterThan(100);
  });

  it("does not parse bytes already stored", () => {
    writeFileSync(join(tmp.path, "run.fit"), encodeRun());
    const file = { display: "run.fit", path: join(tmp.path, "run.fit"), gzipped: false, maxFitBytes: 1e6 };
    expect(parseFile(file, () => true, settings)).toMatchObject({ kind: "known" });
  });
});

describe("importAndAnalyse() archive safety", () => {
  const run = (): Uint8Array => encodeRun();

  async function importZip(zip: Uint8Array, limits: Parameters<typeof importAndAnalyse>[2] = {}) {
    return importAndAnalyse(
      db,
      [
        { name: "x.zip", bytes: zip },
        { name: "after.fit", bytes: run() },
      ],
      limits,
    );
  }

  it.each([
    [
      "total uncompressed size",
      { maxTotalBytes: 10_000 },
      "archive-too-large",
      /more than 10000 bytes in total/,
    ],
    ["entry count", { maxEntries: 2 }, "archive-too-many-entries", /more than 2 files/],
    [
      "nesting depth",
      { maxDepth: 1 },
      "archive-too-deep",
      /nested 2 archives deep, more than the limit of 1/,
    ],
  ])(
    "rejects an archive that breaks the %s cap, imports nothing from it and goes on",
    async (_cap, limits, code, message) => {
      const inner = makeZip([{ name: "a.fit", bytes: encodeRun({ start: "2025-01-01T00:00:00.000Z" }) }]);
      const zip = makeZip([
        { name: "b.fit", bytes: encodeRun({ start: "2025-01-02T00:00:00.000Z" }) },
        { name: "inner.zip", bytes: inner },
        { name: "c.fit", bytes: encodeRun({ start: "2025-01-03T00:00:00.000Z" }) },
      ]);
      const report = await importZip(zip, { limits });
      expect(report.results.map((r) => [r.file, r.status, r.code])).toEqual([
        ["x.zip", "rejected", code],
        ["after.fit", "imported", undefined],
      ]);
      expect(report.results[0]?.message).toMatch(message);
      expect(count("files")).toBe(1);
    },
  );

  it("rejects a zip bomb by its compression ratio", async () => {
    const zip = makeZip([{ name: "bomb.fit", bytes: new Uint8Array(2 * 1024 * 1024), deflate: true }]);
    const report = await importZip(zip);
    expect(report.results[0]).toMatchObject({ status: "rejected", code: "archive-compression-ratio" });
    expect(report.results[0]?.message).toMatch(
      /x\.zip\/bomb\.fit is compressed \d+:1, more than the 100:1 limit/,
    );
  });

  it("rejects a FIT file bigger than the one-file limit, zipped, gzipped or plain", async () => {
    const big = encodeRun({ start: "2025-01-05T00:00:00.000Z" });
    writeFileSync(join(tmp.path, "big.fit"), big);
    const report = await importAndAnalyse(
      db,
      [
        { name: "x.zip", bytes: makeZip([{ name: "big.fit", bytes: big }]) },
        { name: "big.fit.gz", bytes: gzip(big) },
        join(tmp.path, "big.fit"),
        { name: "small.fit", bytes: encodeRun({ durationS: 5 }) },
      ],
      { limits: { maxFitBytes: 2000 } },
    );
    expect(report.results.map((r) => [r.status, r.code])).toEqual([
      ["rejected", "file-too-large"],
      ["rejected", "file-too-large"],
      ["rejected", "file-too-large"],
      ["imported", undefined],
    ]);
    expect(report.results[0]?.message).toMatch(
      /x\.zip\/big\.fit is larger than the 2000-byte limit for one file/,
    );
  });

  it("never uses names inside an archive as paths: an archive with ../ names is rejected, nothing is written", async () => {
    const escape = join("..", "..", "escaped.fit");
    const zip = makeZip([{ name: `../../escaped.fit`, bytes: run() }]);
    const report = await importAndAnalyse(db, [{ name: join(tmp.path, "evil.zip"), bytes: zip }]);
    expect(report.results[0]).toMatchObject({ status: "rejected", code: "unsafe-archive" });
    expect(report.results[0]?.message).toMatch(/leaves the archive/);
    expect(existsSync(join(tmp.path, escape))).toBe(false);
    expect(count("files")).toBe(0);
  });

  it("rejects something named .zip that is not a zip", async () => {
    const report = await importZip(new TextEncoder().encode("PK but not really"));
    expect(report.results[0]).toMatchObject({ status: "rejected", code: "corrupt-archive" });
  });
});
