import { readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server.ts";
import { oneFileForm, peakRssMiB, watchHealth } from "./attack.ts";
import { compressedFlood, longRun } from "./crafted.ts";
import { importResponseSchema } from "../../server/api/index.ts";
import { expectBody, expectError } from "../support/api.ts";

// Hostile uploads against the real server (dist/), on loopback: it stays up, answers /api/health fast
// throughout, stays under its memory budget, and leaves no temporary file behind.

const RSS_BUDGET_MIB = 1024;

async function upload(url: string, name: string, bytes: Uint8Array): Promise<Response> {
  return fetch(`${url}/api/activities`, { method: "POST", body: oneFileForm(name, bytes) });
}

// Two shared cores: a latency check may lose to another test file's burst, so each attack may run again twice.
describe("uploads against the real server", { retry: 2 }, () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it("refuses a .fit.gz of 8 million one-byte records by its record cap, /api/health fast meanwhile", async () => {
    const gz = gzipSync(compressedFlood(8_000_000));
    const health = await watchHealth(server.url);
    const res = await upload(server.url, "flood.fit.gz", gz);
    const watched = await health.stop();
    console.log(
      `flood.fit.gz: /api/health at most ${watched.maxMs.toFixed(0)} ms over ${watched.count} asks`,
    );
    const body = await expectBody(res, importResponseSchema);
    expect(body.results[0]).toMatchObject({ status: "rejected", code: "too-many-records" });
    expect(watched.failures).toBe(0);
    expect(watched.maxMs).toBeLessThan(250);
  }, 20_000);

  it("imports a 5-day run (430,000 samples) parsed off the event loop, /api/health fast meanwhile", async () => {
    const bytes = longRun(430_000);
    const health = await watchHealth(server.url);
    const res = await upload(server.url, "ultra.fit", bytes);
    const watched = await health.stop();
    console.log(`ultra.fit: /api/health at most ${watched.maxMs.toFixed(0)} ms over ${watched.count} asks`);
    expect((await expectBody(res, importResponseSchema)).results[0]?.status).toBe("imported");
    expect(watched.failures).toBe(0);
    expect(watched.maxMs).toBeLessThan(250);
  }, 20_000);

  it("keeps a UTF-8 file name as sent", async () => {
    const res = await upload(server.url, "Zürich-Halbmarathon.fit", longRun(600));
    expect((await expectBody(res, importResponseSchema)).results[0]?.file).toBe("Zürich-Halbmarathon.fit");
  });

  it("answers 12 uploads at once with 200 or 503 and Retry-After, none lost, and leaves no temporary file", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => upload(server.url, `parallel-${i}.fit`, longRun(1_000 + i))),
    );
    for (const res of answers) {
      expect([200, 503]).toContain(res.status);
      if (res.status === 200) {
        // One outcome each, none rejected; the runs share a start time, so all but the first are duplicates.
        const { results } = await expectBody(res, importResponseSchema);
        expect(results.map((r) => r.status)).toEqual([expect.stringMatching(/^(imported|duplicate)$/)]);
        continue;
      }
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await expectError(res, 503)).code).toBe("server-busy");
    }
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    // Removed as each response closes: give the last removal a moment.
    const left = (): string[] => readdirSync(join(server.dataDir, "uploads"));
    for (let i = 0; i < 40 && left().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(left()).toEqual([]);
  }, 20_000);

  it(`stays under the ${RSS_BUDGET_MIB} MiB budget through all of the above`, () => {
    const peak = peakRssMiB(server.process.pid ?? 0);
    console.log(`server peak RSS after the upload attacks: ${peak.toFixed(0)} MiB`);
    if (Number.isFinite(peak)) expect(peak).toBeLessThan(RSS_BUDGET_MIB);
  });
});
