import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCorpusFile } from "../support/corpus.ts";
import { filesForm, startTestApp, type TestApp } from "../support/app.ts";
import { encodeRun } from "../app/fixtures.ts";
import {
  activityDetailSchema,
  activityPageSchema,
  cadenceViewSchema,
  importResponseSchema,
} from "../../server/api/index.ts";
import { expectBody, expectError, getBody } from "../support/api.ts";

const corpus = (name: string): { name: string; bytes: Uint8Array } => ({ name, bytes: readCorpusFile(name) });

describe("POST /api/activities", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ uploadLimits: { fileBytes: 600_000, requestBytes: 1_000_000, files: 5 } });
  });
  afterAll(() => app.close());

  it("imports real files and reports each outcome as the CLI does", async () => {
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm([
        corpus("elevate__portland.fit"),
        corpus("elevate__empty.fit"),
        corpus("fitparse__Settings.fit"),
        corpus("fitparse__developer-types-sample.fit"),
      ]),
    });
    const body = await expectBody(res, importResponseSchema);
    expect(body.results.map((r) => [r.file, r.status, r.code ?? null])).toEqual([
      ["elevate__portland.fit", "imported", null],
      ["elevate__empty.fit", "rejected", "empty-file"],
      ["fitparse__Settings.fit", "skipped", "not-an-activity"],
      ["fitparse__developer-types-sample.fit", "imported", null],
    ]);
    expect(body.summary).toEqual({ imported: 2, duplicate: 0, skipped: 1, rejected: 1 });
    expect(body.results[1]?.message).toMatch(/empty/);
  });

  it("reports the same file uploaded again as a duplicate, not an error", async () => {
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm([corpus("elevate__portland.fit")]),
    });
    const body = await expectBody(res, importResponseSchema);
    expect(body.results[0]?.status).toBe("duplicate");
    expect(body.summary.duplicate).toBe(1);
  });

  it("rejects files in another form field with a 400 naming the field", async () => {
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm([corpus("elevate__portland.fit")], "upload"),
    });
    expect((await expectError(res, 400)).message).toMatch(/"files"/);
  });

  it("rejects a body that is not multipart", async () => {
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect((await expectError(res, 400)).code).toBe("invalid-input");
  });

  it("rejects an empty form", async () => {
    const res = await fetch(`${app.url}/api/activities`, { method: "POST", body: new FormData() });
    expect((await expectError(res, 400)).message).toMatch(/No files/);
  });

  it("refuses a file over the per-file limit with 413", async () => {
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm([corpus("elevate__loup-blanc.fit")]),
    });
    expect((await expectError(res, 413)).code).toBe("upload-file-too-large");
  });

  it("refuses a request over the per-request limit with 413", async () => {
    const big = corpus("elevate__pyselsky.fit");
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm(Array.from({ length: 5 }, (_, i) => ({ name: `copy-${i}.fit`, bytes: big.bytes }))),
    });
    expect((await expectError(res, 413)).code).toBe("payload-too-large");
  });

  it("refuses more files than the per-request count", async () => {
    const small = corpus("fitparse__garmin-fenix-5-run.fit");
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm(Array.from({ length: 6 }, (_, i) => ({ name: `r-${i}.fit`, bytes: small.bytes }))),
    });
    expect((await expectError(res, 400)).message).toMatch(/at most 5 files/);
  });
});

describe("GET/DELETE /api/activities", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm([
        corpus("elevate__portland.fit"),
        corpus("fitparse__developer-types-sample.fit"),
        corpus("fitparse__Edge810-Vector-2013-08-16-15-35-10.fit"),
      ]),
    });
  });
  afterAll(() => app.close());

  it("lists activities newest first with their flags, paged", async () => {
    const page = await getBody(`${app.url}/api/activities?page=1&pageSize=2`, activityPageSchema);
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]?.startUtc.localeCompare(page.items[1]?.startUtc ?? "")).toBeGreaterThan(0);
    const run = page.items.find((a) => a.isRun);
    expect(run?.flags.overstriding).toMatch(/none|possible|marked/);
    expect(run?.flags.spike?.category).toBeDefined();
    const second = await getBody(`${app.url}/api/activities?page=2&pageSize=2`, activityPageSchema);
    expect(second.items).toHaveLength(1);
  });

  it("lists only runs when asked", async () => {
    const page = await getBody(`${app.url}/api/activities?runsOnly=true`, activityPageSchema);
    expect(page.total).toBe(2);
    expect(page.items.every((a) => a.isRun)).toBe(true);
  });

  it.each([
    ["page=0", /page/],
    ["pageSize=100000", /pageSize/],
    ["runsOnly=maybe", /runsOnly/],
    ["sort=desc", /sort|Unrecognized/i],
  ])("rejects the query %s with a 400", async (query, message) => {
    const res = await fetch(`${app.url}/api/activities?${query}`);
    expect((await expectError(res, 400)).message).toMatch(message);
  });

  it("gives a run's detail: laps, chart series with expected cadence, notes", async () => {
    const list = await getBody(`${app.url}/api/activities?runsOnly=true`, activityPageSchema);
    const portland = list.items.find((a) => a.device.product === "fr935");
    const detail = await getBody(`${app.url}/api/activities/${portland?.id}`, activityDetailSchema);
    expect(detail.summary.fileName).toBe("elevate__portland.fit");
    expect(detail.summary.hasRunningDynamics).toBe(true);
    expect(detail.laps.length).toBeGreaterThan(10);
    expect(detail.series.timeS.length).toBeGreaterThan(100);
    expect(detail.series.timeS.length).toBeLessThanOrEqual(600);
    const expected = detail.series.expectedCadenceSpm.filter((v): v is number => v !== null);
    expect(expected.length).toBeGreaterThan(100);
    expect(Math.min(...expected)).toBeGreaterThan(150);
    const cadence = detail.series.cadenceSpm.filter((v): v is number => v !== null && v > 0);
    expect(Math.max(...cadence)).toBeLessThan(220);
    expect(detail.notes.join(" ")).toMatch(/median cadence was \d+ spm/);
  });

  it("says which time zone a run is dated in, and that it was assumed when its file records none", async () => {
    const list = await getBody(`${app.url}/api/activities?runsOnly=true`, activityPageSchema);
    const detailOf = async (isPortland: boolean) => {
      const run = list.items.find((a) => (a.device.product === "fr935") === isPortland);
      return (await getBody(`${app.url}/api/activities/${run?.id}`, activityDetailSchema)).summary;
    };
    expect(await detailOf(true)).toMatchObject({ utcOffsetS: -28_800, utcOffsetSource: "file" });
    // The Stryd file has no local time: it takes Portland's zone, its only neighbour that records one.
    expect(await detailOf(false)).toMatchObject({
      utcOffsetS: -28_800,
      utcOffsetSource: "nearby-run",
      localDate: "2017-01-17",
      localStartTime: "09:06",
    });
  });

  it("answers 400 for a malformed id and 404 for a missing one", async () => {
    const bad = await fetch(`${app.url}/api/activities/abc`);
    expect((await expectError(bad, 400)).message).toMatch(/positive whole number/);
    const missing = await fetch(`${app.url}/api/activities/9999`);
    expect((await expectError(missing, 404)).code).toBe("activity-not-found");
  });

  it("deletes an activity, and then it is gone", async () => {
    const list = await getBody(`${app.url}/api/activities`, activityPageSchema);
    const id = list.items[0]?.id;
    const del = await fetch(`${app.url}/api/activities/${id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    await expectError(await fetch(`${app.url}/api/activities/${id}`), 404);
    await expectError(await fetch(`${app.url}/api/activities/${id}`, { method: "DELETE" }), 404);
  });
});

describe("POST /api/activities with a bulk upload", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("analyses every run before answering, so the next read computes nothing", async () => {
    const runs = Array.from({ length: 16 }, (_, i) => ({
      name: `run-${i}.fit`,
      bytes: encodeRun({ start: `2025-06-${String(i + 1).padStart(2, "0")}T07:00:00.000Z`, durationS: 600 }),
    }));
    const res = await fetch(`${app.url}/api/activities`, { method: "POST", body: filesForm(runs) });
    const body = await expectBody(res, importResponseSchema);
    // Seen once in a loaded CI run: 2 of 16 imported. The outcomes say why, should it happen again.
    expect(body.summary.imported, JSON.stringify(body.results)).toBe(16);
    const analysed = app.db.sqlite.prepare("SELECT count(*) AS n FROM run_analysis").get() as { n: number };
    expect(analysed.n).toBe(16);
  });

  it("analyses a one-file upload at once, so the next read computes nothing", async () => {
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm([{ name: "one.fit", bytes: encodeRun({ start: "2025-07-01T07:00:00.000Z" }) }]),
    });
    expect((await expectBody(res, importResponseSchema)).summary.imported).toBe(1);
    const analysed = app.db.sqlite.prepare("SELECT count(*) AS n FROM run_analysis").get() as { n: number };
    expect(analysed.n).toBe(17);
    // With every original unreadable, the next read still finds all 17 runs' cadence: it read none of them.
    app.db.sqlite.exec("SAVEPOINT gone; UPDATE files SET bytes = x''");
    try {
      const cadence = await getBody(`${app.url}/api/cadence`, cadenceViewSchema);
      expect(cadence.points.length).toBe(17);
    } finally {
      app.db.sqlite.exec("ROLLBACK TO gone; RELEASE gone");
    }
  });
});
