import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import { openDataDir, type Db } from "../../server/db/open.ts";
import { corpusPath, readCorpusFile } from "../support/corpus.ts";
import { startTestApp } from "../support/app.ts";
import { CLI, ROOT } from "../support/server.ts";
import { tempDir } from "../app/fixtures.ts";
import { storageProblems } from "./fuzz-harness.ts";
import { activityPageSchema, importResponseSchema } from "../../server/api/index.ts";
import { expectBody, expectError, getBody } from "../support/api.ts";

// A full disk and a read-only data folder, for real: a small tmpfs when we may mount (root in CI's container),
// else SQLite's max_page_count (full) and file modes (read-only) stand in.

const canMount =
  process.env["STRIDEWISE_TEST_NO_MOUNT"] === undefined &&
  process.getuid?.() === 0 &&
  spawnSync("mount", ["--version"]).status === 0;

function mountTmpfs(dir: string, size: string): boolean {
  return canMount && spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]).status === 0;
}

function remount(dir: string, mode: "ro" | "rw"): void {
  const r = spawnSync("mount", ["-o", `remount,${mode}`, dir]);
  if (r.status !== 0) throw new Error(`remount ${mode} failed: ${r.stderr.toString()}`);
}

const BIG_FILES = [
  "elevate__portland.fit",
  "elevate__loup-blanc.fit",
  "fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit",
  "fitparse__nick.fit",
  "fitparse__coros-pace-2-cycling-misaligned-fields.fit",
  "elevate__pyselsky.fit",
  "fitdecode__garmin-fr935-cr.fit",
];

const pain = (i: number): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    // One entry per day (a POST for a logged date updates it): a new date per write, so each one grows the log.
    date: new Date(Date.UTC(2024, 6, 10) - i * 86_400_000).toISOString().slice(0, 10),
    severity: 1,
    location: "lateral",
    note: `entry ${i} ${"x".repeat(1500)}`,
  }),
});

describe("a full disk", () => {
  let tmp: ReturnType<typeof tempDir>;
  let mounted = false;
  beforeEach(() => {
    tmp = tempDir("stridewise-full-");
    mounted = mountTmpfs(tmp.path, "2m");
  });
  afterEach(() => {
    if (mounted) spawnSync("umount", ["-l", tmp.path]);
    tmp.remove();
  });

  it("rejects the imports and writes that do not fit with a clear error, and corrupts nothing", async () => {
    const db: Db = openDataDir(join(tmp.path, "data"));
    if (!mounted) {
      const pages = db.sqlite.pragma("page_count", { simple: true }) as number;
      db.sqlite.pragma(`max_page_count = ${pages + 400}`);
    }
    const report = await importAndAnalyse(db, BIG_FILES.map(corpusPath));
    const full = report.results.filter((r) => r.status === "rejected");
    expect(report.summary.imported).toBeGreaterThan(0);
    expect(full.length).toBeGreaterThan(0);
    for (const r of full) {
      expect(r.code).toBe("disk-full");
      expect(r.message).toMatch(/disk .* is full, so nothing was saved/);
    }
    expect(storageProblems(db)).toEqual([]);

    // Fill what is left, then write until it fails: a 507 naming the disk, never a 500.
    if (mounted) {
      try {
        writeFileSync(join(tmp.path, "filler"), Buffer.alloc(4 * 1024 * 1024));
      } catch {
        // ENOSPC is the point: the filler takes whatever space was left.
      }
    }
    const app = await startTestApp({ db });
    const statuses: number[] = [];
    let message = "";
    for (let i = 0; i < 300 && !statuses.includes(507); i++) {
      const res = await fetch(`${app.url}/api/pain`, pain(i));
      statuses.push(res.status);
      if (res.status !== 201) message = (await expectError(res, res.status)).message;
    }
    expect(statuses).toContain(507);
    expect(statuses.filter((s) => s !== 201 && s !== 507)).toEqual([]);
    expect(message).toMatch(/disk .* is full, so nothing was saved/);
    const saved = statuses.filter((s) => s === 201).length;

    rmSync(join(tmp.path, "filler"), { force: true });
    expect(storageProblems(db)).toEqual([]);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM pain_entries").get()).toEqual({ n: saved });
    const stored = db.sqlite.prepare("SELECT count(*) AS n FROM activities").get() as { n: number };
    expect(stored.n).toBe(
      report.results.flatMap((r) => (r.status === "imported" ? r.activityIds : [])).length,
    );
    await app.close();
  }, 60_000);
});

describe("a read-only data folder", () => {
  let tmp: ReturnType<typeof tempDir>;
  let mounted = false;
  let data: string;
  beforeEach(async () => {
    tmp = tempDir("stridewise-ro-");
    mounted = mountTmpfs(tmp.path, "16m");
    data = join(tmp.path, "data");
    mkdirSync(data);
    const db = openDataDir(data);
    await importAndAnalyse(db, [corpusPath("elevate__portland.fit")]);
    db.close();
  });
  afterEach(() => {
    if (mounted) spawnSync("umount", ["-l", tmp.path]);
    else chmodSync(data, 0o755);
    tmp.remove();
  });

  const makeReadOnly = (): void => {
    if (mounted) remount(tmp.path, "ro");
    else chmodSync(data, 0o555);
  };

  // File modes do not stop root: as root without mount, there is no read-only folder to try.
  it.skipIf(process.getuid?.() === 0 && !canMount)(
    "stops `stridewise serve` with a sentence about the folder, not a stack trace",
    () => {
      makeReadOnly();
      const r = spawnSync(process.execPath, [CLI, "serve", "--port", "0", "--data", data], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 15_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/cannot write to its data folder \(.*\): it is read-only/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it("answers writes with a clear 503 when the database turns read-only under a running server", async () => {
    const db = openDataDir(data);
    const app = await startTestApp({ db });
    // A mount cannot go read-only while the database is open for writing; SQLite's query_only fails writes the same way.
    db.sqlite.pragma("query_only = ON");
    const res = await fetch(`${app.url}/api/pain`, pain(1));
    const error = await expectError(res, 503);
    expect(error.code).toBe("data-read-only");
    expect(error.message).toMatch(/cannot write to its data folder/);
    const upload = new FormData();
    upload.append(
      "files",
      new Blob([readCorpusFile("fitparse__developer-types-sample.fit").slice()]),
      "a.fit",
    );
    const imported = await expectBody(
      await fetch(`${app.url}/api/activities`, { method: "POST", body: upload }),
      importResponseSchema,
    );
    expect(imported.results[0]).toMatchObject({
      status: "rejected",
      code: "data-read-only",
      message: expect.stringMatching(/cannot write to its data folder/),
    });
    // Reads still work: the run_analysis cache is only skipped, not required.
    expect((await getBody(`${app.url}/api/activities`, activityPageSchema)).total).toBe(1);
    db.sqlite.pragma("query_only = OFF");
    expect(storageProblems(db)).toEqual([]);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM activities").get()).toEqual({ n: 1 });
    await app.close();
  });
});
