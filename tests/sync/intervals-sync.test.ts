import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, statSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createIntervalsClient,
  IntervalsError,
  retryAfterMs,
} from "../../server/app/sync/intervals-client.ts";
import { connectIntervals, intervalsConnection } from "../../server/app/sync/intervals-connect.ts";
import { credentialsPath } from "../../server/app/sync/intervals-credentials.ts";
import { startIntervalsPoller, backoffMs } from "../../server/app/sync/intervals-poller.ts";
import { syncIntervals } from "../../server/app/sync/intervals-sync.ts";
import { syncFolder } from "../../server/app/sync.ts";
import { type Db, openDb } from "../../server/db/open.ts";
import { createSyncLogRepo } from "../../server/db/sync-log-repo.ts";
import { tempDir } from "../app/fixtures.ts";
import { IntervalsStandIn } from "./intervals-stand-in.ts";
import { dailyRuns, smallRun } from "./helpers.ts";

const KEY = "4x7kq2m9v1stand1n";
const NOW = new Date("2025-12-01T12:00:00.000Z");
let db: Db;
let tmp: ReturnType<typeof tempDir>;
let standIn: IntervalsStandIn;
let baseUrl: string;
let sleeps: number[];

beforeEach(async () => {
  db = openDb(":memory:");
  tmp = tempDir("stridewise-intervals-");
  standIn = new IntervalsStandIn("i4242", KEY);
  baseUrl = await standIn.start();
  sleeps = [];
});
afterEach(async () => {
  db.close();
  tmp.remove();
  await standIn.stop();
});

/** A client that records its waits instead of waiting. */
function client(key = KEY, extra: { maxRetryWaitMs?: number } = {}) {
  return createIntervalsClient(
    { athleteId: "i4242", apiKey: key },
    { baseUrl, minGapMs: 0, backoffMs: 1000, ...extra, sleep: async (ms) => void sleeps.push(ms) },
  );
}

const sync = (c = client()) => syncIntervals(db, c, { now: () => NOW, since: "2024-01-01" });
const count = (): number =>
  (db.sqlite.prepare("SELECT count(*) AS n FROM activities").get() as { n: number }).n;

describe("connectIntervals()", () => {
  it("checks the key with intervals.icu and stores it owner-only; the status shows the athlete, not the key", async () => {
    const c = await connectIntervals(tmp.path, { athleteId: "4242", apiKey: KEY }, { baseUrl });
    expect(c).toEqual({ connected: true, athleteId: "i4242" });
    expect(statSync(credentialsPath(tmp.path)).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(intervalsConnection(tmp.path))).not.toContain(KEY);
    expect(standIn.requests[0]).toMatch(
      /^GET \/api\/v1\/athlete\/i4242\/activities\?oldest=\d{4}-\d\d-\d\d&newest=/,
    );
  });

  it("stores nothing when intervals.icu refuses the key, and says so in a sentence", async () => {
    const attempt = connectIntervals(tmp.path, { athleteId: "i4242", apiKey: "wrong-key-123" }, { baseUrl });
    await expect(attempt).rejects.toThrow(/intervals\.icu refused the API key for athlete i4242/);
    expect(existsSync(credentialsPath(tmp.path))).toBe(false);
  });
});

describe("syncIntervals()", () => {
  it("imports 300 activities on the first sync (gzipped and plain), then downloads nothing on the second", async () => {
    standIn.add(...dailyRuns(300, "2025-01-01"));
    const first = await sync();
    expect(first.summary).toMatchObject({ imported: 300, duplicate: 0, rejected: 0 });
    expect(first.downloaded).toBe(300);
    expect(count()).toBe(300);
    const filesBefore = standIn.fileRequests();
    const second = await sync();
    expect(second.downloaded).toBe(0);
    expect(second.summary.imported).toBe(0);
    expect(standIn.fileRequests()).toBe(filesBefore);
    // The second sync lists only from the cursor (a few days back), not the whole history again.
    const lists = standIn.requests.filter((r) => r.includes("/activities?"));
    expect(lists[lists.length - 1]).toContain("oldest=2025-11-28");
    const log = createSyncLogRepo(db).recent(2);
    expect(log.map((r) => [r.status, r.imported, r.downloaded])).toEqual([
      ["ok", 0, 0],
      ["ok", 300, 300],
    ]);
  }, 60_000);

  it("picks up an activity that appears before the next poll", async () => {
    standIn.add(...dailyRuns(3, "2025-11-25"));
    let imported = 0;
    const poller = startIntervalsPoller({
      db,
      dataDir: tmp.path,
      baseUrl,
      firstDelayMs: 60_000,
      now: () => NOW,
      client: { minGapMs: 0 },
      onImported: (r) => void (imported += r.summary.imported),
    });
    try {
      await connectIntervals(tmp.path, { athleteId: "i4242", apiKey: KEY }, { baseUrl, now: NOW });
      await poller.pollNow();
      expect(imported).toBe(3);
      standIn.add(...dailyRuns(1, "2025-12-01", 100));
      await poller.pollNow();
      expect(imported).toBe(4);
      expect(count()).toBe(4);
    } finally {
      poller.stop();
    }
  });

  it("waits out a 429 with its Retry-After and backs off on 500s, then carries on", async () => {
    standIn.add(...dailyRuns(2, "2025-11-20"));
    standIn.faults.push({ route: "list", fault: { status: 429, retryAfter: "7" } });
    standIn.faults.push({ route: "file", fault: { status: 500 } }, { route: "file", fault: { status: 500 } });
    const report = await sync();
    expect(report.summary.imported).toBe(2);
    expect(sleeps).toEqual([7000, 1000, 2000]);
  });

  it("stops early on a long Retry-After, keeps what came in, and the poll waits at least that long", async () => {
    standIn.add(...dailyRuns(2, "2025-11-20"));
    await sync();
    standIn.add(...dailyRuns(1, "2025-11-29", 50));
    standIn.faults.push({ route: "file", fault: { status: 429, retryAfter: "3600" } });
    const report = await sync(client(KEY, { maxRetryWaitMs: 60_000 }));
    expect(report.status).toBe("partial");
    expect(report.stopCode).toBe("intervals-rate-limited");
    expect(report.retryAfterMs).toBe(3_600_000);
    expect(backoffMs(15 * 60_000, 1, report.retryAfterMs)).toBe(3_600_000);
    expect(backoffMs(15 * 60_000, 3, null)).toBe(2 * 60 * 60_000);
    const next = await sync();
    expect(next.summary.imported).toBe(1);
  });

  it("retries a body cut short, and a file that stays truncated is reported and tried again later", async () => {
    standIn.add(...dailyRuns(2, "2025-11-20"));
    standIn.faults.push({ route: "file", fault: { truncate: "content-length" } });
    const first = await sync();
    expect(first.summary.imported).toBe(2);
    standIn.add(...dailyRuns(1, "2025-11-30", 70));
    standIn.faults.push({ route: "file", fault: { truncate: "body" } });
    const cut = await sync();
    expect(cut.summary.rejected).toBe(1);
    expect(createSyncLogRepo(db).recent(1)[0]?.failures[0]?.file).toBe("intervals.icu/i70");
    const again = await sync();
    expect(again.summary.imported).toBe(1);
  });

  it("reports a revoked key plainly and keeps everything already stored", async () => {
    standIn.add(...dailyRuns(2, "2025-11-20"));
    await sync();
    standIn.revoke();
    const err = await sync().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntervalsError);
    expect((err as IntervalsError).code).toBe("intervals-key-refused");
    expect((err as Error).message).toMatch(/refused the API key.*revoked/);
    expect(count()).toBe(2);
    expect(createSyncLogRepo(db).recent(1)[0]).toMatchObject({ status: "failed" });
  });

  it("leaves out Strava stubs with a reason instead of failing", async () => {
    standIn.add({ id: "i9", startDateLocal: "2025-11-21T08:00:00", fit: new Uint8Array(), strava: true });
    const report = await sync();
    expect(report.summary).toMatchObject({ skipped: 1, imported: 0 });
    expect(report.results[0]?.message).toMatch(/Strava/);
  });

  it("stores a run that came over USB and from intervals.icu once", async () => {
    const start = new Date("2025-11-22T07:00:00.000Z");
    const usb = join(tmp.path, "GARMIN", "Activity");
    mkdirSync(usb, { recursive: true });
    // Same watch, same start: the copy intervals.icu keeps differs in its bytes (another export of the run).
    writeFileSync(join(usb, "B8M07000.FIT"), smallRun(start, { heartRateBpm: 141 }));
    await syncFolder(db, usb);
    standIn.add({ id: "i500", startDateLocal: "2025-11-22T08:00:00", fit: smallRun(start), gzip: true });
    standIn.add({
      id: "i501",
      startDateLocal: "2025-11-22T08:00:01",
      fit: readFileSync(join(usb, "B8M07000.FIT")),
    });
    const report = await sync();
    expect(report.summary).toMatchObject({ imported: 0, duplicate: 2 });
    expect(report.results.map((r) => r.code).sort()).toEqual(["same-activity", "same-file"]);
    expect(count()).toBe(1);
  });
});

describe("retryAfterMs()", () => {
  it("reads seconds and HTTP dates, and waits a minute when told nothing", () => {
    expect(retryAfterMs("30")).toBe(30_000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:30 GMT", Date.parse("2015-10-21T07:28:00Z"))).toBe(30_000);
    expect(retryAfterMs(null)).toBe(60_000);
  });
});
