import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { autoThreads } from "../../server/app/import/engine/engine.ts";
import { analysedSummaries } from "../../server/app/analysis/runs-source.ts";
import { runnerTodayOf } from "../../server/app/analysis/today.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import { openDb } from "../../server/db/open.ts";
import { FIXTURES_DIR, corpusPath, fixtureFiles } from "../support/corpus.ts";
import { track } from "../support/processes.ts";
import { CLI, ROOT } from "../support/server.ts";
import { makeZip } from "../support/zip-writer.ts";
import { encodeRun, gzip } from "../app/fixtures.ts";
import { cliImportReportSchema } from "../../server/api/index.ts";
import { parseJson } from "../support/api.ts";

const execFileAsync = promisify(execFile);
/** Runs a command, its child registered so that it is stopped if the test ends or the run is cut short first. */
const run = (file: string, args: string[]): Promise<{ stdout: string; stderr: string }> => {
  const pending = execFileAsync(file, args, { encoding: "utf8" });
  track(pending.child);
  return pending;
};
const runCli = (args: string[]) =>
  run(process.execPath, args).catch((err: { stdout: string; stderr: string }) => err);

// Reports each worker thread the process starts ("worker <file>") on stderr.
const WORKER_SPY = `data:text/javascript,${encodeURIComponent(`import wt from "node:worker_threads";
import { syncBuiltinESMExports } from "node:module";
const Worker = wt.Worker;
wt.Worker = class extends Worker {
  constructor(file, options) { super(file, options); process.stderr.write("worker " + file + "\\n"); }
};
syncBuiltinESMExports();`)}`;
const dirs: string[] = [];

async function importCorpus(threads: number) {
  const data = mkdtempSync(join(tmpdir(), "stridewise-threads-"));
  dirs.push(data);
  const { stdout } = await run(process.execPath, [
    CLI,
    "import",
    FIXTURES_DIR,
    "--data",
    data,
    "--json",
    "--threads",
    String(threads),
  ]).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
  const db = openDb(join(data, "stridewise.db"));
  const repo = createActivitiesRepo(db);
  const activities = repo.list({ limit: -1 }).map((a) => {
    const stored = repo.get(a.id);
    return [a.startUtc, a.sport, a.distanceM, a.avgCadenceSpm, stored?.sampleCount, stored?.laps.length];
  });
  // The analysis the import ran at its end: one cached result per run, under the model's key.
  const analysis = db.sqlite
    .prepare(
      `SELECT a.id, a.start_utc, r.analysis_version, r.json FROM activities a
       LEFT JOIN run_analysis r ON r.activity_id = a.id WHERE a.is_run = 1 ORDER BY a.start_utc, a.id`,
    )
    .all() as { id: number; start_utc: string; analysis_version: number | null; json: string | null }[];
  // The runs the dashboard reads (not a seconds-long recording, not a date the watch got wrong).
  const counted = new Set(analysedSummaries(repo, runnerTodayOf(repo, new Date())).map((a) => a.id));
  db.close();
  const report = parseJson(stdout, cliImportReportSchema, "import --json output");
  return { report, activities, analysis, counted };
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("stridewise import on worker threads", () => {
  it("gives the same outcomes, stored activities and analysis as one thread", async () => {
    // One worker prepares the runs this thread parses; two parse whole files (and prepare them).
    const [inline, preparing, parsing] = await Promise.all([
      importCorpus(0),
      importCorpus(1),
      importCorpus(2),
    ]);
    for (const threaded of [preparing, parsing]) {
      expect(threaded.report.results).toEqual(inline.report.results);
      expect(threaded.activities).toEqual(inline.activities);
      expect(threaded.activities.length).toBeGreaterThan(30);
      // The analysis at the end: one cached result per run the dashboard reads (none for others), the same.
      // The vendored files hold 15 running sessions; 11 of them are runs the dashboard reads.
      expect(threaded.counted.size).toBeGreaterThanOrEqual(11);
      expect(threaded.analysis.filter((r) => r.json !== null).map((r) => r.id)).toEqual(
        threaded.analysis.filter((r) => threaded.counted.has(r.id)).map((r) => r.id),
      );
      expect(threaded.analysis).toEqual(inline.analysis);
    }
  }, 120_000);

  it("by default gives a bulk import (16 files or more) the workers autoThreads() says and a checkpointer, a few none", async () => {
    const spawned = async (sources: string[]): Promise<string[]> => {
      const data = mkdtempSync(join(tmpdir(), "stridewise-threads-"));
      dirs.push(data);
      const args = ["--import", WORKER_SPY, CLI, "import", ...sources, "--data", data, "--json"];
      const { stderr } = await run(process.execPath, args).catch((err: { stderr: string }) => err);
      return stderr.split("\n").filter((l) => l.startsWith("worker "));
    };
    const corpus = fixtureFiles();
    expect(corpus.length).toBeGreaterThanOrEqual(16);
    const sixteen = corpus.slice(0, 16).map((n) => corpusPath(n));
    const bulk = await spawned(sixteen);
    const workers = autoThreads(16);
    expect(bulk.filter((l) => l.endsWith("parse-worker.js")).length).toBe(workers);
    // A bulk import checkpoints on a thread of its own, with parse workers or without (on 2 cores, none for 16
    // files: see TWO_CORE_WORKER_FILES); `--threads 0` keeps everything on one thread.
    const checkpoints = `worker ${join(ROOT, "dist", "checkpoint-worker.js")}`;
    expect(bulk.filter((l) => l === checkpoints).length).toBe(1);
    expect(await spawned([...sixteen, "--threads", "0"])).toEqual([]);
    expect(await spawned(corpus.slice(0, 3).map((n) => corpusPath(n)))).toEqual([]);
  }, 60_000);

  it("parses on workers started from dist/parse-worker.js and checkpoints on dist/checkpoint-worker.js", async () => {
    const data = mkdtempSync(join(tmpdir(), "stridewise-threads-"));
    dirs.push(data);
    const { stderr } = await run(process.execPath, [
      "--import",
      WORKER_SPY,
      CLI,
      "import",
      corpusPath("fitparse__garmin-fenix-5-run.fit"),
      "--data",
      data,
      "--threads",
      "2",
    ]);
    const worker = join(ROOT, "dist", "parse-worker.js");
    const checkpoints = join(ROOT, "dist", "checkpoint-worker.js");
    expect(stderr.trim().split("\n")).toEqual([
      `worker ${worker}`,
      `worker ${worker}`,
      `worker ${checkpoints}`,
    ]);
    const db = openDb(join(data, "stridewise.db"));
    expect(db.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(createActivitiesRepo(db).count()).toBe(1);
    db.close();
  });

  it("hands a zip's entries and a .fit.gz to the workers as bytes, and refuses a bad one with its reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stridewise-threads-"));
    dirs.push(dir);
    const run = (day: number): Uint8Array => encodeRun({ start: `2025-04-0${day}T07:00:00.000Z` });
    writeFileSync(
      join(dir, "export.zip"),
      makeZip([
        { name: "a.fit", bytes: run(1) },
        { name: "b.fit.gz", bytes: gzip(run(2)) },
      ]),
    );
    writeFileSync(join(dir, "c.fit.gz"), gzip(run(3)));
    writeFileSync(join(dir, "d.fit.gz"), Buffer.from("not gzip at all"));
    const data = mkdtempSync(join(tmpdir(), "stridewise-threads-data-"));
    dirs.push(data);
    const { stdout } = await runCli([CLI, "import", dir, "--data", data, "--json", "--threads", "2"]);
    const report = parseJson(stdout, cliImportReportSchema, "import --json output");
    expect(report.results.map((r) => [r.file.slice(dir.length + 1), r.status, r.code])).toEqual([
      ["c.fit.gz", "imported", null],
      ["d.fit.gz", "rejected", "corrupt-archive"],
      ["export.zip/a.fit", "imported", null],
      ["export.zip/b.fit.gz", "imported", null],
    ]);
  });

  it("refuses a thread count that is not a whole number", async () => {
    const err = await run(process.execPath, [CLI, "import", FIXTURES_DIR, "--threads", "many"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/--threads must be a whole number/);
  });
});

describe("autoThreads()", () => {
  it("gives every other core to a bulk import, on 2 cores only to a long one, and none to a few files", () => {
    expect(autoThreads(15, 8)).toBe(0);
    expect(autoThreads(16, 8)).toBe(7);
    expect(autoThreads(16, 4)).toBe(3);
    expect(autoThreads(499, 2)).toBe(0);
    expect(autoThreads(500, 2)).toBe(1);
    expect(autoThreads(5000, 1)).toBe(0);
  });
});
