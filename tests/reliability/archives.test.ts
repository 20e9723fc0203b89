import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import { openDb, type Db } from "../../server/db/open.ts";
import { makeZip, type ZipInput } from "../support/zip-writer.ts";
import { encodeRun, tempDir } from "../app/fixtures.ts";
import { storageProblems } from "./fuzz-harness.ts";

// What tests/app already covers (caps, ../ names, depth, bombs) is not repeated: here are symlinks in folders,
// names that are not UTF-8, and archives with thousands of entries.

let db: Db;
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  db = openDb(":memory:");
  tmp = tempDir("stridewise-archives-");
});
afterEach(() => {
  db.close();
  tmp.remove();
});

/** A zip whose first entry's name is the given raw bytes (UTF-8 flag on or off). */
function zipWithRawName(nameBytes: number[], utf8Flag: boolean): Uint8Array {
  const placeholder = "Q".repeat(nameBytes.length);
  const zip = Buffer.from(makeZip([{ name: `${placeholder}.fit`, bytes: encodeRun() }]));
  let at = zip.indexOf(placeholder);
  while (at >= 0) {
    Buffer.from(nameBytes).copy(zip, at);
    at = zip.indexOf(placeholder, at + 1);
  }
  if (!utf8Flag) {
    // General-purpose flags: at 6 in the local header, 8 in the central one.
    zip.writeUInt16LE(0, 6);
    zip.writeUInt16LE(0, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
  }
  return new Uint8Array(zip);
}

describe("importAndAnalyse() with hostile folders and archives", () => {
  function linkedFolder(): string {
    const dir = join(tmp.path, "watch");
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "a.fit"), encodeRun());
    symlinkSync(join(dir, "a.fit"), join(dir, "link.fit"));
    symlinkSync(dir, join(dir, "sub", "loop"));
    symlinkSync(join(tmp.path, "gone.fit"), join(dir, "dangling.fit"));
    return dir;
  }

  it("ends on a folder symlink that loops back, imports the file once and reports a dangling link", async () => {
    const dir = linkedFolder();
    const report = await importAndAnalyse(db, [dir]);
    const rel = report.results.map((r) => [r.file.slice(dir.length + 1), r.status, r.code]);
    expect(rel.slice(0, 3)).toEqual([
      ["a.fit", "imported", undefined],
      ["dangling.fit", "rejected", "not-found"],
      ["link.fit", "duplicate", "same-file"],
    ]);
    expect(report.summary.imported).toBe(1);
    expect(storageProblems(db)).toEqual([]);
  });

  it("does not walk into a folder symlink inside the folder", async () => {
    const dir = linkedFolder();
    const report = await importAndAnalyse(db, [dir]);
    expect(report.results).toHaveLength(3);
  });

  it.each([
    ["invalid UTF-8 with the UTF-8 flag", [0xff, 0xfe, 0x80, 0xc3], true],
    ["CP437 bytes without the flag", [0x81, 0x94, 0xe1, 0xff], false],
    ["a NUL and control bytes", [0x61, 0x00, 0x1b, 0x62], false],
  ])(
    "imports an entry whose name is %s, under a name that keeps one character per byte",
    async (_what, bytes, flag) => {
      const report = await importAndAnalyse(db, [{ name: "names.zip", bytes: zipWithRawName(bytes, flag) }]);
      expect(report.results).toHaveLength(1);
      const [result] = report.results;
      expect(result?.status).toBe("imported");
      expect(result?.file).toMatch(/^names\.zip\/.{4}\.fit$/s);
      expect(storageProblems(db)).toEqual([]);
    },
  );

  it("goes through a zip of 5,000 entries quickly, reporting each one", async () => {
    const entries: ZipInput[] = Array.from({ length: 5000 }, (_, i) => ({
      name: `junk/${i}.${i % 2 ? "fit" : "txt"}`,
      bytes: new Uint8Array([i & 0xff, 1, 2, 3]),
    }));
    entries.push({ name: "real.fit", bytes: encodeRun() });
    const started = performance.now();
    const report = await importAndAnalyse(db, [{ name: "many.zip", bytes: makeZip(entries) }]);
    const ms = performance.now() - started;
    expect(report.results).toHaveLength(5001);
    expect(report.summary).toEqual({ imported: 1, duplicate: 0, skipped: 2500, rejected: 2500 });
    expect(ms).toBeLessThan(15_000);
  }, 30_000);

  it("refuses a zip with more entries than the cap before reading any", async () => {
    const run = encodeRun();
    const entries = Array.from({ length: 3001 }, (_, i) => ({ name: `${i}.fit`, bytes: run }));
    const report = await importAndAnalyse(db, [{ name: "lots.zip", bytes: makeZip(entries) }], {
      limits: { maxEntries: 3000 },
    });
    expect(report.results.map((r) => [r.status, r.code])).toEqual([["rejected", "archive-too-many-entries"]]);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM files").get()).toEqual({ n: 0 });
  }, 30_000);
});
