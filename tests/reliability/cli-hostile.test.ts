import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, ROOT } from "../support/server.ts";
import { encodeRun, tempDir } from "../app/fixtures.ts";
import { writeCredentials } from "../../server/app/sync/intervals-credentials.ts";

// The CLI against a hostile file system: links planted where the export writes, a missing folder, a
// read-only data folder. Every refusal is one sentence, never a stack trace.

function cli(...args: string[]): { status: number | null; out: string; err: string } {
  return cliWith({}, ...args);
}

function cliWith(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 15_000,
    env: { ...process.env, ...env },
  });
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

/** Runs `fn` with a data folder holding one imported run, on a tmpfs remounted read-only. */
function withReadOnlyData(fn: (roData: string) => void): void {
  const ro = join(tmp.path, "ro");
  mkdirSync(ro);
  if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", ro]).status !== 0) return;
  try {
    const roData = join(ro, "data");
    expect(cli("import", join(tmp.path, "run.fit"), "--data", roData).status).toBe(0);
    writeCredentials(roData, { athleteId: "i77", apiKey: "read-only-test-key" });
    expect(spawnSync("mount", ["-o", "remount,ro", ro]).status).toBe(0);
    fn(roData);
  } finally {
    spawnSync("umount", ["-l", ro]);
  }
}

const READ_ONLY_SENTENCE = /^Stridewise cannot write to its data folder .*read-only/;

describe("a read-only data folder", () => {
  it.skipIf(!canMount)("lets report, backup and export read it, and import say what is wrong", () => {
    withReadOnlyData((roData) => {
      const run = join(tmp.path, "run.fit");
      const report = cli("report", "--data", roData);
      expect(report.status).toBe(0);
      expect(report.out).toMatch(/Stridewise report \(1 runs\)/);
      expect(cli("backup", join(tmp.path, "b.db"), "--data", roData).status).toBe(0);
      const exported = cli("export", join(tmp.path, "e.zip"), "--data", roData);
      expect(exported.out).toMatch(/exported 1 original files/);
      const imported = cli("import", run, "--data", roData);
      expect(imported.status).toBe(1);
      expect(imported.err.trim()).toMatch(READ_ONLY_SENTENCE);
      for (const r of [report, exported, imported]) noStack(r.err);
    });
  });

  it.skipIf(!canMount)(
    "has folder, watch and intervals.icu sync say what is wrong, with no stack trace",
    () => {
      withReadOnlyData((roData) => {
        const inbox = join(tmp.path, "inbox");
        mkdirSync(inbox);
        writeFileSync(join(inbox, "new.fit"), encodeRun({ start: "2024-03-02T07:00:00Z" }));
        // A watch "plugged in" (a GARMIN folder under a root), and an intervals.icu that nothing answers.
        const mounts = join(tmp.path, "mounts");
        mkdirSync(join(mounts, "watch", "GARMIN", "Activity"), { recursive: true });
        const env = {
          STRIDEWISE_WATCH_ROOTS: join(mounts, "*"),
          STRIDEWISE_INTERVALS_URL: "http://127.0.0.1:9",
        };
        const runs = [
          cliWith(env, "sync", inbox, "--data", roData),
          cliWith(env, "sync", inbox, "--watch", "--data", roData),
          cliWith(env, "sync", "--data", roData),
          cliWith(env, "sync", "--watch", "--data", roData),
          cliWith(env, "sync", "--intervals", "--data", roData),
        ];
        for (const r of runs) {
          expect(r.status, r.err).toBe(1);
          expect(r.err.trim()).toMatch(READ_ONLY_SENTENCE);
          noStack(r.err);
          noStack(r.out);
        }
      });
    },
  );
});
