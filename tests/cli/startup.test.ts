import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { tempDir } from "../app/fixtures.ts";
import { corpusPath, readCorpusFile } from "../support/corpus.ts";
import { makeZip } from "../support/zip-writer.ts";
import { CLI, ROOT } from "../support/server.ts";

// Prints every module the process resolves ("resolved <url>") on stderr, from node's resolve hook.
const HOOKS = `import { writeSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  writeSync(2, "resolved " + r.url + "\\n");
  return r;
}`;
const TRACE = `data:text/javascript,${encodeURIComponent(
  `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`,
)}`;

const SERVER_ONLY = ["express", "multer", "zod", "chokidar"];

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir("stridewise-startup-");
});
afterEach(() => tmp.remove());

/** The packages (under node_modules) a CLI run loads, by name. */
function packagesLoaded(args: string[]): { status: number | null; packages: Set<string> } {
  // Without a password, `serve --host 0.0.0.0` refuses to start instead of serving until the timeout.
  const env = { ...process.env };
  delete env["STRIDEWISE_PASSWORD"];
  const r = spawnSync(process.execPath, ["--import", TRACE, CLI, ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 30_000,
  });
  const packages = new Set<string>();
  for (const m of r.stderr.matchAll(/^resolved .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) {
    if (m[1]) packages.add(m[1]);
  }
  return { status: r.status, packages };
}

describe("stridewise start-up", () => {
  it("loads only commander for --help", () => {
    const r = packagesLoaded(["--help"]);
    expect(r.status).toBe(0);
    expect([...r.packages]).toEqual(["commander"]);
  });

  it("loads what an import needs and none of the server's packages", () => {
    const run = corpusPath("fitparse__garmin-fenix-5-run.fit");
    const r = packagesLoaded(["import", run, "--data", join(tmp.path, "data"), "--json"]);
    expect(r.status).toBe(0);
    expect(r.packages).toContain("better-sqlite3");
    // The SDK is bundled, its profile as JSON (scripts/build.mjs): node_modules' copy is never evaluated.
    expect(r.packages).not.toContain("@garmin/fitsdk");
    for (const name of SERVER_ONLY) expect(r.packages).not.toContain(name);
    // The zip reader waits for a zip.
    expect(r.packages).not.toContain("yauzl");
  });

  it("loads the zip reader for a zip", () => {
    const zip = join(tmp.path, "export.zip");
    writeFileSync(
      zip,
      makeZip([{ name: "run.fit", bytes: readCorpusFile("fitparse__garmin-fenix-5-run.fit") }]),
    );
    const r = packagesLoaded(["import", zip, "--data", join(tmp.path, "data"), "--json"]);
    expect(r.status).toBe(0);
    expect(r.packages).toContain("yauzl");
  });

  it("loads express only when serving", () => {
    const r = packagesLoaded(["serve", "--host", "0.0.0.0", "--data", join(tmp.path, "data")]);
    // Refused without a password, after the serve command's code (and express) has loaded.
    expect(r.status).toBe(1);
    expect(r.packages).toContain("express");
  });
});
