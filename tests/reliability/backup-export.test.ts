import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yauzl from "yauzl";
import { backupDatabase } from "../../server/db/maintenance.ts";
import { csvCell, exportData } from "../../server/app/export.ts";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import type { PainEntryInput } from "../../server/api/pain.ts";
import { createPainRepo } from "../../server/db/pain-repo.ts";
import { openDataDir, openDb, type Db } from "../../server/db/open.ts";
import { corpusPath, readCorpusFile } from "../support/corpus.ts";
import { track } from "../support/processes.ts";
import { filesForm } from "../support/app.ts";
import { CLI, ROOT, startServer, type RunningServer } from "../support/server.ts";
import { tempDir } from "../app/fixtures.ts";
import { z } from "zod";
import { activityPageSchema, painEntrySchema } from "../../server/api/index.ts";
import { getBody, parseJson } from "../support/api.ts";

const FILES = [
  "elevate__portland.fit",
  "fitparse__developer-types-sample.fit",
  "muktihari__activity_multisport.fit",
];
const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** Every entry of a zip, read with yauzl (the reader the importer uses). */
function unzip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

function dump(db: Db): { activities: unknown[]; pain: unknown[] } {
  return {
    activities: db.sqlite.prepare("SELECT * FROM activities ORDER BY id").all(),
    pain: db.sqlite.prepare("SELECT * FROM pain_entries ORDER BY id").all(),
  };
}

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = track(spawn(process.execPath, [CLI, ...args], { cwd: ROOT }));
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("backupDatabase() and exportData()", () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  beforeEach(async () => {
    tmp = tempDir("stridewise-backup-");
    db = openDataDir(join(tmp.path, "data"));
    await importAndAnalyse(db, FILES.map(corpusPath));
    const pain = createPainRepo(db);
    const base: Omit<PainEntryInput, "date" | "severity" | "note"> = {
      location: "lateral",
      side: "right",
      timing: "next_morning",
      redFlags: [],
    };
    pain.create(
      { ...base, date: "2024-07-10", severity: 4, note: '=HYPERLINK("http://x") "quoted", comma' },
      "t",
    );
    pain.create({ ...base, date: "2024-07-12", severity: 2, note: "line\nbreak" }, "t");
  });
  afterEach(() => {
    db.close();
    tmp.remove();
  });

  it("backs up to a copy that opens with the same activities and pain entries", async () => {
    const file = join(tmp.path, "copy.db");
    const result = await backupDatabase(db, file);
    expect(result).toMatchObject({ activities: 4, painEntries: 2 });
    const copy = openDb(file);
    expect(dump(copy)).toEqual(dump(db));
    expect(copy.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it("refuses to overwrite an existing file", async () => {
    const file = join(tmp.path, "exists.db");
    writeFileSync(file, "keep me");
    await expect(backupDatabase(db, file)).rejects.toThrow(/already exists/);
    expect(readFileSync(file, "utf8")).toBe("keep me");
    await expect(exportData(db, file, new Date())).rejects.toThrow(/already exists/);
  });

  it("exports the originals byte for byte, and activities and pain as CSV and JSON", async () => {
    const file = join(tmp.path, "export.zip");
    const result = await exportData(db, file, new Date("2026-01-02T03:04:05Z"));
    expect(result).toMatchObject({ originals: 3, activities: 4, painEntries: 2 });
    const entries = await unzip(file);
    const originals = [...entries].filter(([name]) => name.startsWith("originals/"));
    expect(originals.map(([, bytes]) => sha(bytes)).sort()).toEqual(
      FILES.map((f) => sha(readCorpusFile(f))).sort(),
    );
    expect(originals.map(([name]) => name)).toContain("originals/000001-elevate__portland.fit");

    const activities = parseJson(
      entries.get("activities.json")?.toString() ?? "",
      z.array(z.looseObject({ id: z.number().int() })),
      "activities.json",
    );
    expect(activities).toHaveLength(4);
    const csvLines = entries.get("activities.csv")?.toString().trim().split("\r\n") ?? [];
    expect(csvLines).toHaveLength(5);
    expect(csvLines[0]).toMatch(/^id,fileId,sessionIndex,sport,/);

    const pain = parseJson(entries.get("pain.json")?.toString() ?? "", z.array(painEntrySchema), "pain.json");
    expect(pain.map((p) => p.note)).toEqual(['=HYPERLINK("http://x") "quoted", comma', "line\nbreak"]);
    const painCsv = entries.get("pain.csv")?.toString() ?? "";
    // A note never becomes a spreadsheet formula.
    expect(painCsv).toContain(`"'=HYPERLINK(""http://x"") ""quoted"", comma"`);
    expect(painCsv).toContain('"line\nbreak"');
  });

  it("writes CSV cells that a spreadsheet reads back as the same text", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(3.5)).toBe("3.5");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("-3")).toBe("'-3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(["a", "b"])).toBe("a;b");
  });
});

describe("stridewise backup and export while the server runs", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    server = await startServer();
    tmp = tempDir("stridewise-backup-cli-");
    const form = filesForm(FILES.slice(0, 2).map((name) => ({ name, bytes: readCorpusFile(name) })));
    expect((await fetch(`${server.url}/api/activities`, { method: "POST", body: form })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    tmp.remove();
  });

  it("backs up a consistent copy during an upload, and the copy restores", async () => {
    const file = join(tmp.path, "live.db");
    const form = filesForm([{ name: FILES[2] ?? "", bytes: readCorpusFile(FILES[2] ?? "") }]);
    const [upload, backup] = await Promise.all([
      fetch(`${server.url}/api/activities`, { method: "POST", body: form }),
      run(["backup", file, "--data", server.dataDir]),
    ]);
    expect(upload.status).toBe(200);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/backed up \d+ activities and 0 pain entries/);
    const copy = openDb(file);
    const counts = copy.sqlite
      .prepare(
        "SELECT (SELECT count(*) FROM files) AS files, (SELECT count(*) FROM activities) AS activities",
      )
      .get() as { files: number; activities: number };
    // Before the upload's transaction (2 files, 2 runs) or after it (3 files, 4 activities): never in between.
    expect([
      JSON.stringify({ files: 2, activities: 2 }),
      JSON.stringify({ files: 3, activities: 4 }),
    ]).toContain(JSON.stringify(counts));
    copy.close();

    // Restoring is copying the file into a data folder as stridewise.db.
    const restored = join(tmp.path, "restored");
    mkdirSync(restored);
    copyFileSync(file, join(restored, "stridewise.db"));
    const again = await startServer(["--data", restored]);
    try {
      const page = await getBody(
        `${again.url}/api/activities?pageSize=500&includeShort=true`,
        activityPageSchema,
      );
      // includeShort: the multisport file's run leg is under 100 m, listed only when asked for.
      expect(page.total).toBe(counts.activities);
    } finally {
      await again.stop();
    }
  });

  it("exports a zip whose originals match the uploaded files", async () => {
    const file = join(tmp.path, "live.zip");
    const r = await run(["export", file, "--data", server.dataDir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/exported 3 original files, 4 activities and 0 pain entries/);
    const entries = await unzip(file);
    const hashes = [...entries].filter(([n]) => n.startsWith("originals/")).map(([, b]) => sha(b));
    expect(hashes.sort()).toEqual(FILES.map((f) => sha(readCorpusFile(f))).sort());
  });

  it("says clearly when the target exists", async () => {
    const file = join(tmp.path, "taken.zip");
    writeFileSync(file, "");
    const r = await run(["export", file, "--data", server.dataDir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/already exists/);
  });
});
