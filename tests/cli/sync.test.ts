import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, ROOT } from "../support/server.ts";
import { encodeRun, tempDir } from "../app/fixtures.ts";
import { track } from "../support/processes.ts";

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
  it("re-reads every stored original and analyses every run again", () => {
    writeFileSync(join(tmp.path, "a.fit"), encodeRun());
    const data = join(tmp.path, "data");
    const imported = cli(["import", join(tmp.path, "a.fit"), "--data", data]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^Analysed 1 of 1 runs in \d+\.\d s\.$/m);
    const r = cli(["reanalyze", "--data", data]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 files re-read: 1 activities updated, 0 added, 0 removed, 0 failed/);
    expect(r.stdout).toMatch(/^Analysed 1 of 1 runs in \d+\.\d s\.$/m);
  });
});

describe("stridewise sync --watch", () => {
  it("imports a file that lands in the folder once it is written, and stops on SIGTERM", async () => {
    const folder = join(tmp.path, "watched");
    mkdirSync(folder);
    const child = track(
      spawn(process.execPath, [CLI, "sync", folder, "--watch", "--data", join(tmp.path, "data")], {
        cwd: ROOT,
      }),
    );
    let out = "";
    const waitFor = (re: RegExp): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}:\n${out}`)), 20_000);
        const check = (): void => {
          if (re.test(out)) {
            clearTimeout(timer);
            child.stdout.off("data", onData);
            resolve();
          }
        };
        const onData = (chunk: Buffer): void => {
          out += chunk.toString();
          check();
        };
        child.stdout.on("data", onData);
        check();
      });
    await waitFor(/watching .* for new files/);
    writeFileSync(join(folder, "new.fit"), encodeRun());
    await waitFor(/^imported\s+.*new\.fit \(1 activity\)/m);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 30_000);
});
