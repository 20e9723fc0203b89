import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusPath } from "../support/corpus.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUNDLE = join(ROOT, "dist/cli.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsStale(): boolean {
  let built: number;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  const sources = Math.max(newestSource(join(ROOT, "server")), newestSource(join(ROOT, "fit-parser")));
  return built < sources;
}

function inspect(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/stridewise.js"), "inspect", ...args], {
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("stridewise inspect", () => {
  beforeAll(() => {
    // `npm test` builds in pretest; rebuild only when a source is newer than the bundle (e.g. vitest run alone).
    if (bundleIsStale())
      execFileSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { stdio: "inherit" });
  });

  it("prints a good run as JSON and exits 0", () => {
    const r = inspect(corpusPath("fitparse__garmin-fenix-5-run.fit"), "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      activities: [
        {
          sport: "running",
          subSport: "generic",
          startUtc: "2017-06-11T14:34:09.000Z",
          localDate: "2017-06-11",
          utcOffsetS: -25200,
          distanceM: 157.56,
          timerS: 56.887,
          avgCadenceSpm: 2 * (83 + 0.671875),
          samples: 21,
          hasRunningDynamics: true,
          device: { manufacturer: "garmin", product: "fenix5", serialNumber: 3945849289 },
        },
      ],
      warnings: [],
    });
  });

  it("prints a rejected file's code and message as JSON and exits 1", () => {
    const r = inspect(corpusPath("fitparse__activity-filecrc.fit"), "--json");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      error: { code: "corrupt-file", message: expect.stringMatching(/damaged/) },
    });
  });

  it("prints one human line per activity of a triathlon", () => {
    const r = inspect(corpusPath("fitparse__sample_mulitple_header.fit"));
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe(
      "2018-05-27  running  9.8 km  0:47:31  167 spm  GPS, HR, cadence, running dynamics",
    );
  });

  it("says so in a sentence when the file does not exist, and exits 1", () => {
    const r = inspect(join(ROOT, "no-such-run.fit"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/There is no file at .*no-such-run\.fit/);
  });
});
