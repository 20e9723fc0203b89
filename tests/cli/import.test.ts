import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parseFit } from "../../fit-parser/index.ts";
import { corpusPath } from "../support/corpus.ts";
import { track } from "../support/processes.ts";
import { CLI, ROOT } from "../support/server.ts";
import { encodeRun, tempDir } from "../app/fixtures.ts";
import { encodeActivity } from "../../fit-parser/encode.ts";
import { progressBar } from "../../server/cli/import-output.ts";
import { cliImportReportSchema } from "../../server/api/index.ts";
import { parseJson } from "../support/api.ts";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir("stridewise-cli-");
});
afterEach(() => tmp.remove());

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeRuns(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const path = join(tmp.path, `run-${String(i).padStart(2, "0")}.fit`);
    const day = String(i + 1).padStart(2, "0");
    writeFileSync(path, encodeRun({ start: `2025-03-${day}T07:00:00.000Z`, durationS: 1200 }));
    return path;
  });
}

describe("stridewise import", () => {
  it("prints exactly the documented JSON and exits 0 when nothing was rejected", () => {
    const [run] = writeRuns(1);
    writeFileSync(join(tmp.path, "notes.gpx"), "<gpx/>");
    const data = join(tmp.path, "data");
    const r = cli(["import", run ?? "", join(tmp.path, "notes.gpx"), "--data", data, "--json"]);
    expect(r.status).toBe(0);
    // Parsed with the contract, then compared whole: parseJson also fails on any key the schema does not declare.
    const out = parseJson(r.stdout, cliImportReportSchema, "import --json output");
    expect(out).toEqual({
      results: [
        { file: run, status: "imported", activityIds: [1], code: null, message: null },
        {
          file: join(tmp.path, "notes.gpx"),
          status: "skipped",
          activityIds: [],
          code: "not-fit",
          message: expect.stringMatching(/Not a FIT file \(a \.gpx file\)/),
        },
      ],
      summary: { imported: 1, duplicate: 0, skipped: 1, rejected: 0 },
    });
  });

  it("exits 1 when a file was rejected, with per-file lines and a summary, and no bar off a terminal", () => {
    mkdirSync(join(tmp.path, "in"));
    writeFileSync(join(tmp.path, "in", "broken.fit"), "not a fit file at all");
    const r = cli(["import", join(tmp.path, "in"), "--data", join(tmp.path, "data")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^rejected\s+.*broken\.fit \(not-a-fit-file: /m);
    expect(r.stdout).toMatch(/0 imported, 0 duplicate, 0 skipped, 1 rejected/);
    expect(r.stderr).toBe("");
  });

  it("survives being killed mid-batch: the database stays whole and the next run finishes without duplicates", async () => {
    const runs = writeRuns(10);
    const sources = [
      ...runs.slice(0, 4),
      corpusPath("elevate__loup-blanc.fit"),
      corpusPath("elevate__empty.fit"),
      ...runs.slice(4, 7),
      corpusPath("fitparse__activity-large-fenxi2-multisport.fit"),
      ...runs.slice(7),
    ];
    const data = join(tmp.path, "data");
    const filesAfterKill: number[] = [];
    for (const killAfterLines of [1, 4, 6, 9]) {
      await new Promise<void>((resolve) => {
        const child = track(
          spawn(process.execPath, [CLI, "import", ...sources, "--data", data], { cwd: ROOT }),
        );
        let lines = 0;
        child.stdout.on("data", (chunk: Buffer) => {
          lines += chunk.toString().split("\n").length - 1;
          if (lines >= killAfterLines) child.kill("SIGKILL");
        });
        child.on("exit", () => resolve());
      });
      const db = new Database(join(data, "stridewise.db"));
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      // Only complete imports: each stored file has every session its original holds.
      const stored = db
        .prepare(
          "SELECT f.bytes, (SELECT count(*) FROM activities a WHERE a.file_id = f.id) AS n FROM files f",
        )
        .all() as { bytes: Buffer; n: number }[];
      for (const file of stored) {
        const parsed = parseFit(new Uint8Array(file.bytes));
        expect(file.n).toBe(parsed.ok ? parsed.activities.length : -1);
      }
      filesAfterKill.push((db.prepare("SELECT count(*) AS n FROM files").get() as { n: number }).n);
      db.close();
    }
    // The kills really landed mid-batch: the first left the batch unfinished.
    expect(filesAfterKill[0]).toBeLessThan(12);
    const last = cli(["import", ...sources, "--data", data, "--json"]);
    const report = parseJson(last.stdout, cliImportReportSchema, "import --json output");
    expect(report.summary.imported + report.summary.duplicate).toBe(12);
    expect(report.summary.rejected).toBe(1);
    const db = new Database(join(data, "stridewise.db"), { readonly: true });
    const counts = db
      .prepare(
        "SELECT count(*) AS n, count(DISTINCT file_id || ':' || start_utc) AS distinct_n FROM activities",
      )
      .get() as { n: number; distinct_n: number };
    // 10 generated runs, the Loup Blanc trail run, the 7 sessions of the fenix 2 multisport file.
    expect(counts.n).toBe(10 + 1 + 7);
    expect(counts.distinct_n).toBe(counts.n);
    expect((db.prepare("SELECT count(*) AS n FROM files").get() as { n: number }).n).toBe(12);
    db.close();
  }, 120_000);
});

describe("progressBar()", () => {
  function fakeStream(isTTY: boolean, columns = 60): { stream: NodeJS.WriteStream; written: () => string } {
    let out = "";
    const stream = {
      isTTY,
      columns,
      write: (s: string) => ((out += s), true),
    } as unknown as NodeJS.WriteStream;
    return { stream, written: () => out };
  }

  it("draws files done / total and the current file on a terminal, and clears itself", () => {
    const { stream, written } = fakeStream(true, 100);
    const bar = progressBar(stream);
    bar.update({ done: 3, total: 12, current: "export.zip/activities/123.fit.gz" });
    expect(written()).toContain("[######------------------] 3/12 export.zip/activities/123.fit.gz");
    bar.done();
    expect(written().endsWith("\r\x1b[K")).toBe(true);
  });

  it("keeps the end of a long file name within the terminal width", () => {
    const { stream, written } = fakeStream(true);
    progressBar(stream).update({ done: 0, total: 1, current: `${"deep/".repeat(30)}run.fit` });
    const line = written().split("\r\x1b[K").pop() ?? "";
    expect(line.length).toBeLessThan(60);
    expect(line.endsWith("deep/run.fit")).toBe(true);
  });

  it("draws nothing when the output is not a terminal", () => {
    const { stream, written } = fakeStream(false);
    progressBar(stream).update({ done: 1, total: 2, current: "a.fit" });
    expect(written()).toBe("");
  });
});

describe("stridewise import of a file that records no time zone", () => {
  it("dates it in the computer's zone, then in the zone of the nearest run that records one", () => {
    const data = join(tmp.path, "data");
    // A Suunto 9 file without local_timestamp: 16:14 UTC on 4 March 2020.
    const suunto = join(ROOT, "tests/fixtures/fit/elevate__bloemendaal.fit");
    const importIn = (zone: string, file: string) =>
      spawnSync(process.execPath, [CLI, "import", file, "--data", data, "--json"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, TZ: zone },
      });
    const stored = () => {
      const db = new Database(join(data, "stridewise.db"), { readonly: true });
      try {
        return db
          .prepare(
            "SELECT utc_offset_s, utc_offset_source, local_date FROM activities WHERE start_utc LIKE '2020-03-04%'",
          )
          .get();
      } finally {
        db.close();
      }
    };
    expect(importIn("Australia/Sydney", suunto).status).toBe(0);
    expect(stored()).toEqual({
      utc_offset_s: 39_600,
      utc_offset_source: "server-zone",
      local_date: "2020-03-05",
    });

    const boston = join(tmp.path, "boston.fit");
    writeFileSync(
      boston,
      encodeActivity({
        start: new Date("2020-03-06T22:00:00.000Z"),
        durationS: 1200,
        utcOffsetS: -5 * 3600,
        samples: { speedMps: () => 3, cadenceSpm: () => 172 },
      }),
    );
    expect(importIn("Australia/Sydney", boston).status).toBe(0);
    expect(stored()).toEqual({
      utc_offset_s: -18_000,
      utc_offset_source: "nearby-run",
      local_date: "2020-03-04",
    });
  });
});
