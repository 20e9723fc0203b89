import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server.ts";
import { oneFileForm, peakRssMiB, watchHealth } from "./attack.ts";
import { FitBytes, T2024, manySmallBombs, nestedBig } from "./crafted.ts";
import { type ImportResponse, importResponseSchema } from "../../server/api/index.ts";
import { expectBody } from "../support/api.ts";

// Issue 15's archive attacks, generated, uploaded to the real server on loopback.

function shortRun(seconds: number, dayOffset = 30): Uint8Array {
  const f = new FitBytes().activityHeader().defineRecord(0);
  for (let i = 0; i < seconds; i++) f.record(0, T2024 + 86_400 * dayOffset + i, 130);
  return f.file();
}

async function attack(
  server: RunningServer,
  name: string,
  bytes: Uint8Array,
): Promise<{ body: ImportResponse; healthMs: number }> {
  const health = await watchHealth(server.url);
  const res = await fetch(`${server.url}/api/activities`, { method: "POST", body: oneFileForm(name, bytes) });
  const body = await expectBody(res, importResponseSchema);
  const watched = await health.stop();
  expect(watched.failures).toBe(0);
  console.log(`${name}: /api/health at most ${watched.maxMs.toFixed(0)} ms over ${watched.count} asks`);
  return { body, healthMs: watched.maxMs };
}

// Two shared cores: a latency check may lose to another test file's burst, so each attack may run again twice.
describe("archive attacks against the real server", { retry: 2 }, () => {
  let server: RunningServer;
  let nestedAttempts = 0;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it("refuses 8,000 entries of 1 MiB − 1 (8 GB from 9 MB) by the running ratio, at once", async () => {
    const zip = manySmallBombs(8_000);
    const t0 = performance.now();
    const { body, healthMs } = await attack(server, "bombs.zip", zip);
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ status: "rejected", code: "archive-compression-ratio" });
    // Inflating the 8 GB took 21-48 s before the running total was checked; the upload itself is most of this.
    expect(performance.now() - t0).toBeLessThan(10_000);
    console.log(
      `bombs.zip (${(zip.byteLength / 1024 ** 2).toFixed(1)} MB) refused in ${(performance.now() - t0).toFixed(0)} ms`,
    );
    expect(healthMs).toBeLessThan(250);
  }, 20_000);

  it("streams a 96 MiB zip nested in a 2 MB zip to disk, never whole into memory, and imports the run inside", async () => {
    // A run of its own each attempt: a retry after a slow /api/health would otherwise find it stored already.
    const zip = nestedBig(96, shortRun(900, 30 + ++nestedAttempts));
    const before = peakRssMiB(server.process.pid ?? 0);
    const { body, healthMs } = await attack(server, "export.zip", zip);
    const after = peakRssMiB(server.process.pid ?? 0);
    console.log(
      `export.zip (${(zip.byteLength / 1024 ** 2).toFixed(1)} MB, 96 MiB inside): peak RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MiB`,
    );
    const run = body.results.find((r) => r.file.endsWith("run.fit"));
    expect(run?.status).toBe("imported");
    expect(body.results.find((r) => r.file.endsWith("filler.bin"))?.status).toBe("skipped");
    expect(healthMs).toBeLessThan(250);
    if (Number.isFinite(after)) expect(after - before).toBeLessThan(120);
  }, 20_000);

  it("refuses a .fit.gz that unpacks past the 64 MiB per-file cap", async () => {
    const gz = gzipSync(new Uint8Array(65 * 1024 * 1024), { level: 1 });
    const { body, healthMs } = await attack(server, "huge.fit.gz", gz);
    expect(body.results[0]).toMatchObject({ status: "rejected", code: "file-too-large" });
    expect(healthMs).toBeLessThan(250);
  }, 20_000);
});
