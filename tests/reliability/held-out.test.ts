import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importResponseSchema } from "../../server/api/index.ts";
import { expectBody } from "../support/api.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { oneFileForm, peakRssMiB, watchHealth } from "./attack.ts";
import {
  allInvalid,
  chainedSegments,
  compressedWrap,
  headerClaimsTooMuch,
  hugeDeveloperFields,
  redefinedMidStream,
} from "./held-out.ts";

// Held-out kinds of hostile FIT file, uploaded to the real server (dist/) on loopback: each is stored with only
// plausible values or refused with its own code, /api/health stays fast meanwhile, the server's memory bounded.

const RSS_BUDGET_MIB = 1024;

interface Case {
  name: string;
  make: () => Uint8Array;
  outcome: { status: "imported" } | { status: "rejected"; code: string };
}

const CASES: Case[] = [
  {
    name: "developer-fields.fit",
    make: () => hugeDeveloperFields(1_000),
    outcome: { status: "imported" },
  },
  { name: "redefined.fit", make: () => redefinedMidStream(20_000), outcome: { status: "imported" } },
  {
    name: "compressed-wrap.fit",
    make: () => compressedWrap(100_000),
    outcome: { status: "rejected", code: "implausible-duration" },
  },
  {
    name: "all-invalid.fit",
    make: () => allInvalid(5_000),
    outcome: { status: "rejected", code: "no-running-data" },
  },
  {
    name: "chained.fit",
    make: () => chainedSegments(20_000),
    outcome: { status: "rejected", code: "too-many-sessions" },
  },
  {
    name: "header-4gib.fit",
    make: () => headerClaimsTooMuch(),
    outcome: { status: "rejected", code: "corrupt-file" },
  },
];

interface Row {
  start_utc: string;
  elapsed_s: number | null;
  timer_s: number | null;
  distance_m: number | null;
  avg_speed_mps: number | null;
  max_speed_mps: number | null;
  avg_heart_rate_bpm: number | null;
  sample_count: number;
}

// One retry, for the shared machine only: the server's CPU profile during these attacks shows no code of ours holding
// the event loop, but at load average 20+ on 2 cores a runnable server waits for CPU past 250 ms now and then.
describe("held-out hostile FIT files against the real server", { retry: 1 }, () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  for (const c of CASES) {
    const expected = "code" in c.outcome ? `refused as ${c.outcome.code}` : "stored";
    let attempts = 0;
    it(`${c.name}: ${expected}, /api/health under 250 ms meanwhile`, async () => {
      const bytes = c.make();
      const health = await watchHealth(server.url);
      const res = await fetch(`${server.url}/api/activities`, {
        method: "POST",
        body: oneFileForm(c.name, bytes),
      });
      const watched = await health.stop();
      const body = await expectBody(res, importResponseSchema);
      console.log(
        `${c.name} (${(bytes.byteLength / 1024).toFixed(0)} KB): ${body.results[0]?.status} ${body.results[0]?.code ?? ""}; /api/health at most ${watched.maxMs.toFixed(0)} ms over ${watched.count} asks`,
      );
      expect(body.results).toHaveLength(1);
      // A retry sends the same bytes: what the first attempt stored comes back as a duplicate.
      const outcome = ++attempts > 1 && c.outcome.status === "imported" ? { status: "duplicate" } : c.outcome;
      expect(body.results[0]).toMatchObject(outcome);
      if (c.outcome.status === "rejected") expect(body.results[0]?.message).toMatch(/\w+ \w+ \w+/);
      expect(watched.failures).toBe(0);
      expect(watched.maxMs).toBeLessThan(250);
    }, 30_000);
  }

  it("stored nothing implausible, one activity per file it took, and stayed under its memory budget", () => {
    const db = new Database(join(server.dataDir, "stridewise.db"), { readonly: true });
    const rows = db.prepare("SELECT * FROM activities").all() as Row[];
    db.close();
    expect(rows).toHaveLength(CASES.filter((c) => c.outcome.status === "imported").length);
    for (const r of rows) {
      const year = Number(r.start_utc.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(2000);
      expect(r.elapsed_s ?? 0).toBeLessThanOrEqual(7 * 86_400);
      expect(r.timer_s ?? 0).toBeGreaterThanOrEqual(0);
      expect(r.distance_m ?? 0).toBeLessThanOrEqual(2_000_000);
      expect(r.avg_speed_mps ?? 0).toBeLessThanOrEqual(60);
      expect(r.max_speed_mps ?? 0).toBeLessThanOrEqual(60);
      expect(r.avg_heart_rate_bpm ?? 60).toBeGreaterThanOrEqual(20);
      expect(r.sample_count).toBeLessThanOrEqual(500_000);
    }
    const peak = peakRssMiB(server.process.pid ?? 0);
    console.log(`server peak RSS after the held-out files: ${peak.toFixed(0)} MiB`);
    if (Number.isFinite(peak)) expect(peak).toBeLessThan(RSS_BUDGET_MIB);
  });
});
