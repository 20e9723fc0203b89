import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, ROOT } from "../support/server.ts";
import { encodeRun, tempDir } from "../app/fixtures.ts";

// The CLI against a hostile file system: links planted where the export writes, a missing folder, a
// read-only data folder. Every refusal is one sentence, never a stack trace.

function cli(...args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 15_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at /);

let tmp: ReturnType<typeof tempDir>;
let data: string;
beforeEach(() => {
  tmp = tempDir("stridewise-cli-hostile-");
  data = join(tmp.path, "data");
  const run = join(tmp.path, "run.fit");
  writeFileSync(run, encodeRun());
  expect(cli("import", run, "--data", data).status).toBe(0);
});
afterEach(() => tmp.remove());

describe("stridewise export", () => {
  it("never writes through a link planted at <file>.partial, nor over one planted at <file>", () => {
    const victim = join(tmp.path, "victim.txt");
    writeFileSync(victim, "keep me");
    const file = join(tmp.path, "out.zip");
    symlinkSync(victim, `${file}.partial`);
    const r = cli("export", file, "--data", data);
    expect(r.status).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("keep me");
    expect(readFileSync(file).subarray(0, 2).toString("latin1")).toBe("PK");

    const linked = join(tmp.path, "linked.zip");
    symlinkSync(join(tmp.path, "dangling-target"), linked);
    const again = cli("export", linked, "--data", data);
    expect(again.status).toBe(1);
    expect(again.err).toMatch(/already exists/);
    expect(existsSync(join(tmp.path, "dangling-target"))).toBe(false);
    noStack(again.err);
  });

  it("says in a sentence that the folder is missing", () => {
    const r = cli("export", join(tmp.path, "nowhere", "out.zip"), "--data", data);
    expect(r.status).toBe(1);
    expect(r.err.trim()).toMatch(/^The folder .*nowhere does not exist; create it first/);
    noStack(r.err);
  });
});

const canMount = process.getuid?.() === 0 && spawnSync("mount", ["--version"]).status === 0;

describe("a read-only data folder", () => {
  it.skipIf(!canMount)("lets report, backup and export read it, and import say what is wrong", () => {
    const ro = join(tmp.path, "ro");
    mkdirSync(ro);
    if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", ro]).status !== 0) return;
    try {
      const roData = join(ro, "data");
      const run = join(tmp.path, "run.fit");
      expect(cli("import", run, "--data", roData).status).toBe(0);
      expect(spawnSync("mount", ["-o", "remount,ro", ro]).status).toBe(0);
      const report = cli("report", "--data", roData);
      expect(report.status).toBe(0);
      expect(report.out).toMatch(/Stridewise report \(1 runs\)/);
      expect(cli("backup", join(tmp.path, "b.db"), "--data", roData).status).toBe(0);
      const exported = cli("export", join(tmp.path, "e.zip"), "--data", roData);
      expect(exported.out).toMatch(/exported 1 original files/);
      const imported = cli("import", run, "--data", roData);
      expect(imported.status).toBe(1);
      expect(imported.err.trim()).toMatch(/^Stridewise cannot write to its data folder .*read-only/);
      for (const r of [report, exported, imported]) noStack(r.err);
    } finally {
      spawnSync("umount", ["-l", ro]);
    }
  });
});
