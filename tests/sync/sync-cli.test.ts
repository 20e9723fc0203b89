import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";
import { CLI, ROOT } from "../support/server.ts";
import { track } from "../support/processes.ts";
import { tempDir } from "../app/fixtures.ts";
import { openAnalysis } from "../../server/app/analysis/service.ts";
import { expectedCadence } from "../../server/core/cadence-model.ts";
import { openDataDir } from "../../server/db/open.ts";
import { IntervalsStandIn } from "./intervals-stand-in.ts";
import { dailyRuns, smallRun } from "./helpers.ts";
import { cliImportReportSchema } from "../../server/api/index.ts";
import { parseJson } from "../support/api.ts";

const KEY = "cli-stand-in-key-77";
let tmp: ReturnType<typeof tempDir>;
let standIn: IntervalsStandIn;
let url: string;
beforeEach(async () => {
  tmp = tempDir("stridewise-sync-cli-");
  standIn = new IntervalsStandIn("i77", KEY);
  url = await standIn.start();
});
afterEach(async () => {
  await standIn.stop();
  tmp.remove();
});

/** Runs the CLI to its end; asynchronously, so the stand-in in this process can answer it. */
function cli(
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = track(
    spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, STRIDEWISE_INTERVALS_URL: url, ...opts.env },
    }),
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(opts.input ?? "");
  return new Promise((ok) => child.on("close", (status) => ok({ status, stdout, stderr })));
}

/** Runs a long-lived CLI command and lets the test wait for lines of its output. */
function long(args: string[], env: NodeJS.ProcessEnv) {
  const child = track(
    spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } }),
  );
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const waitFor = async (re: RegExp): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!re.test(out)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}:\n${out}`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  };
  const stop = async (): Promise<number | null> => {
    const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
    child.kill("SIGTERM");
    return exited;
  };
  return { waitFor, stop, output: () => out };
}

function decodeFit(bytes: Uint8Array) {
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  expect(decoder.checkIntegrity()).toBe(true);
  return decoder.read();
}

describe("stridewise connect / sync --intervals", () => {
  it("connects with the key from stdin, syncs as JSON, and says one sentence when the key is revoked", async () => {
    const data = join(tmp.path, "data");
    standIn.add(...dailyRuns(4, new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10)));
    const connected = await cli(["connect", "intervals", "--athlete", "i77", "--data", data], {
      input: `${KEY}\n`,
    });
    expect(connected.status).toBe(0);
    expect(connected.stdout).toMatch(/Connected to intervals\.icu as athlete i77/);
    expect(statSync(join(data, "intervals.json")).mode & 0o777).toBe(0o600);
    expect(connected.stdout + connected.stderr).not.toContain(KEY);

    const synced = await cli(["sync", "--intervals", "--json", "--data", data]);
    expect(synced.status).toBe(0);
    const report = parseJson(synced.stdout, cliImportReportSchema, "sync --json output");
    expect(report.summary).toMatchObject({ imported: 4, duplicate: 0, rejected: 0 });
    expect(report.results).toHaveLength(4);

    standIn.revoke();
    const refused = await cli(["sync", "--intervals", "--data", data]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/^intervals\.icu refused the API key for athlete i77/);
    expect(refused.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("exits 1 with one sentence when intervals.icu cannot be reached, and refuses a wrong key at connect", async () => {
    const data = join(tmp.path, "data");
    const wrong = await cli(["connect", "intervals", "--athlete", "i77", "--data", data], {
      input: "not-the-key-1\n",
    });
    expect(wrong.status).toBe(1);
    expect(existsSync(join(data, "intervals.json"))).toBe(false);
    expect(
      (await cli(["connect", "intervals", "--athlete", "i77", "--data", data], { input: KEY })).status,
    ).toBe(0);
    const down = await cli(["sync", "--intervals", "--data", data], {
      env: { STRIDEWISE_INTERVALS_URL: "http://127.0.0.1:9" },
    });
    expect(down.status).toBe(1);
    expect(down.stderr.trim()).toMatch(/^Could not reach intervals\.icu at http:\/\/127\.0\.0\.1:9: .*\.$/);
    expect(down.stderr.trim().split("\n")).toHaveLength(1);
    const gone = await cli(["disconnect", "intervals", "--data", data]);
    expect(gone.stdout).toMatch(/key is deleted/);
    expect(existsSync(join(data, "intervals.json"))).toBe(false);
  }, 40_000);
});

describe("stridewise sync --watch (no folder)", () => {
  it("finds a watch mounted over MTP by gvfs, and one plugged in later", async () => {
    const runtime = join(tmp.path, "run-user");
    const storage = join(runtime, "gvfs", "mtp:host=091e_4f42_0000c0ffee01", "Internal Storage");
    mkdirSync(join(storage, "GARMIN", "Activity"), { recursive: true });
    writeFileSync(join(storage, "GARMIN", "Activity", "A1.FIT"), smallRun(new Date("2025-10-01T07:00:00Z")));
    writeFileSync(join(storage, "GARMIN", "Activity", "A2.FIT"), smallRun(new Date("2025-10-02T07:00:00Z")));
    const run = long(["sync", "--watch", "--data", join(tmp.path, "data")], {
      XDG_RUNTIME_DIR: runtime,
      STRIDEWISE_WATCH_SCAN_MS: "200",
    });
    await run.waitFor(/MTP watch at .*Internal Storage: 2 imported/);
    await run.waitFor(/looking for watches being plugged in/);
    // A mount appears whole, its files listed at once: built aside and moved into place, so the scan (every
    // 200 ms) cannot see the watch between its folder and its file.
    const staged = join(tmp.path, "mtp-staging");
    const activities = join(staged, "Internal Storage", "Garmin", "Activities");
    mkdirSync(activities, { recursive: true });
    writeFileSync(
      join(activities, "B1.FIT"),
      smallRun(new Date("2025-10-03T07:00:00Z"), { serial: 3_900_000_222 }),
    );
    renameSync(staged, join(runtime, "gvfs", "mtp:host=091e_4f42_0000c0ffee02"));
    await run.waitFor(/c0ffee02\/Internal Storage: 1 imported/);
    expect(await run.stop()).toBe(0);
  }, 40_000);
});

describe("stridewise workout", () => {
  /** Twelve runs from 2.5 to 3.6 m/s with cadence rising 6.5 spm per m/s: enough for a personal model. */
  async function importHistory(data: string): Promise<void> {
    const dir = join(tmp.path, "history");
    mkdirSync(dir);
    const today = Date.now();
    for (let i = 0; i < 12; i++) {
      const speed = 2.5 + 0.1 * i;
      const start = new Date(today - (12 - i) * 2 * 86_400_000);
      writeFileSync(
        join(dir, `r${i}.fit`),
        smallRun(start, { speedMps: speed, cadenceSpm: 152 + 6.5 * speed, durationS: 1200 }),
      );
    }
    expect((await cli(["import", dir, "--data", data])).status).toBe(0);
  }

  it("writes a cadence workout whose targets are the runner's model +5% ±3 spm, read as a watch reads them", async () => {
    const data = join(tmp.path, "data");
    await importHistory(data);
    const out = join(tmp.path, "cadence.fit");
    const r = await cli(["workout", "cadence", "--out", out, "--data", data, "--no-intervals"]);
    expect(r.status).toBe(0);
    const { messages, errors } = decodeFit(readFileSync(out));
    expect(errors).toEqual([]);
    expect(messages.fileIdMesgs?.[0]?.type).toBe("workout");
    expect(messages.workoutMesgs?.[0]).toMatchObject({ sport: "running" });

    const db = openDataDir(data);
    const { model } = openAnalysis(db, () => new Date()).snapshot().insights;
    db.close();
    expect(model.kind).toBe("personal");
    const target = expectedCadence(model, model.referenceSpeedMps as number) * 1.05;
    const steps = messages.workoutStepMesgs ?? [];
    expect(steps.map((s) => s.intensity)).toEqual(["warmup", "active", "recovery", undefined, "cooldown"]);
    expect(steps[3]).toMatchObject({
      durationType: "repeatUntilStepsCmplt",
      durationStep: 1,
      repeatSteps: 6,
    });
    const interval = steps[1] as Record<string, number | string>;
    expect(interval["targetType"]).toBe("cadence");
    // Watches read running cadence targets in strides per minute: × 2 is what the runner sees, in spm.
    expect(Math.abs((interval["customTargetCadenceLow"] as number) * 2 - (target - 3))).toBeLessThanOrEqual(
      1,
    );
    expect(Math.abs((interval["customTargetCadenceHigh"] as number) * 2 - (target + 3))).toBeLessThanOrEqual(
      1,
    );
  }, 40_000);

  it("puts the workouts in GARMIN/NewFiles on a mass-storage watch, and on the intervals.icu calendar", async () => {
    const data = join(tmp.path, "data");
    await importHistory(data);
    const drive = join(tmp.path, "media", "GARMIN");
    mkdirSync(join(drive, "GARMIN", "ACTIVITY"), { recursive: true });
    const run = long(["sync", "--watch", "--push-workouts", "--data", data], {
      STRIDEWISE_WATCH_ROOTS: join(tmp.path, "media", "*"),
      STRIDEWISE_WATCH_SCAN_MS: "200",
    });
    await run.waitFor(/USB watch at .*: 0 imported/);
    await run.waitFor(/workout written: .*SW_RUN_\d{8}\.fit/);
    expect(await run.stop()).toBe(0);
    const newFiles = readdirSync(join(drive, "GARMIN", "NewFiles")).sort();
    expect(newFiles).toHaveLength(2);
    expect(newFiles[0]).toMatch(/^SW_CAD_\d{8}\.fit$/);
    const cadence = decodeFit(readFileSync(join(drive, "GARMIN", "NewFiles", newFiles[0] as string)));
    expect(cadence.messages.fileIdMesgs?.[0]?.type).toBe("workout");
    expect(cadence.errors).toEqual([]);

    expect(
      (await cli(["connect", "intervals", "--athlete", "i77", "--data", data], { input: KEY })).status,
    ).toBe(0);
    const planned = await cli([
      "workout",
      "next-run",
      "--out",
      join(tmp.path, "next.fit"),
      "--data",
      data,
      "--date",
      "2030-01-02",
    ]);
    expect(planned.status).toBe(0);
    expect(planned.stdout).toMatch(/Planned on your intervals\.icu calendar for 2030-01-02/);
    expect(standIn.events[0]).toMatchObject({
      category: "WORKOUT",
      type: "Run",
      start_date_local: "2030-01-02T00:00:00",
    });
    const sent = Buffer.from(standIn.events[0]?.["file_contents_base64"] as string, "base64");
    expect(sent.equals(readFileSync(join(tmp.path, "next.fit")))).toBe(true);
  }, 40_000);
});
