import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, ROOT } from "../support/server.ts";
import { encodeRun, tempDir } from "../app/fixtures.ts";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir("stridewise-cli-");
});
afterEach(() => tmp.remove());

function cli(args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout };
}

describe("stridewise sync", () => {
  it("imports a watch folder once; run again it imports nothing new", () => {
    const folder = join(tmp.path, "GARMIN", "Activity");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "A.FIT"), encodeRun({ start: "2025-05-01T07:00:00.000Z" }));
    writeFileSync(join(folder, "B.FIT"), encodeRun({ start: "2025-05-02T07:00:00.000Z" }));
    const data = join(tmp.path, "data");
    const first = cli(["sync", folder, "--data", data]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/2 imported, 0 duplicate, 0 skipped, 0 rejected \(0 unchanged/);
    const second = cli(["sync", folder, "--data", data]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^0 imported, 0 duplicate, 0 skipped, 0 rejected \(2 unchanged/m);
  });
});

describe("stridewise reanalyze", () => {
  it("re-reads every stored original", () => {
    writeFileSync(join(tmp.path, "a.fit"), encodeRun());
    const data = join(tmp.path, "data");
    expect(cli(["import", join(tmp.path, "a.fit"), "--data", data]).status).toBe(0);
    const r = cli(["reanalyze", "--data", data]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 files re-read: 1 activities updated, 0 added, 0 removed, 0 failed/);
  });
});
