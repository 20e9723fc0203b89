import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCorpusFile } from "../support/corpus.ts";
import { filesForm, startTestApp, type TestApp } from "../support/app.ts";
import { encodeRun } from "../app/fixtures.ts";
import { openDb } from "../../server/db/open.ts";
import { loadDemo } from "../../server/app/demo.ts";
import { credentialsPath, writeCredentials } from "../../server/app/sync/intervals-credentials.ts";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import {
  type ImportResponse,
  activityDetailSchema,
  activityPageSchema,
  calendarViewSchema,
  deletedAllSchema,
  demoRemovedSchema,
  demoStatusSchema,
  importResponseSchema,
  loadViewSchema,
  mapSettingsSchema,
  painEntrySchema,
  personalRecordViewSchema,
  routeViewSchema,
  runEditedSchema,
  shoeContextSchema,
  shoeViewSchema,
} from "../../server/api/index.ts";
import { expectBody, expectError, getBody, sendJson } from "../support/api.ts";

const NOW = new Date("2026-11-25T18:00:00Z");
const PORTLAND = readCorpusFile("elevate__portland.fit");

/** A request to the app, its body (if any) sent as JSON. */
const call = (app: TestApp, method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${app.url}${path}`, body === undefined ? { method } : sendJson(method, body));

/** GET `path` and its 200 body parsed with `schema`. */
const get = <S extends z.ZodType>(app: TestApp, path: string, schema: S): Promise<z.output<S>> =>
  getBody(`${app.url}${path}`, schema);

// Buffer.equals, not toEqual: a deep compare of 470,000 elements takes seconds.
const sameBytes = (a: ArrayBuffer, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

async function upload(app: TestApp, files: { name: string; bytes: Uint8Array }[]): Promise<ImportResponse> {
  const res = await fetch(`${app.url}/api/activities`, { method: "POST", body: filesForm(files) });
  return expectBody(res, importResponseSchema);
}

describe("a cut-off file and its complete copy", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: () => NOW });
  });
  afterAll(() => app.close());

  it("imports the cut-off copy marked partial, then lets the complete file replace it", async () => {
    const cut = PORTLAND.subarray(0, Math.floor(PORTLAND.length * 0.4));
    const first = await upload(app, [{ name: "portland-cut.fit", bytes: cut }]);
    expect(first.results[0]).toMatchObject({ status: "imported", partial: true });
    const listed = await get(app, "/api/activities", activityPageSchema);
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]?.partial).toBe(true);
    expect(listed.items[0]?.distanceM).toBeLessThan(7000);
    const partialId = listed.items[0]?.id ?? 0;
    await expectBody(
      await call(app, "PATCH", `/api/activities/${partialId}`, { name: "Portland long run" }),
      runEditedSchema,
    );

    const second = await upload(app, [{ name: "portland.fit", bytes: PORTLAND }]);
    expect(second.results[0]).toMatchObject({ status: "imported", replaced: 1 });
    const after = await get(app, "/api/activities", activityPageSchema);
    expect(after.items).toHaveLength(1);
    const run = after.items[0];
    expect(run?.partial).toBe(false);
    expect(run?.distanceM).toBeCloseTo(16_075.7, 0);
    expect(run?.name).toBe("Portland long run");
    const detail = await get(app, `/api/activities/${run?.id}`, activityDetailSchema);
    expect(detail.summary.fileName).toBe("portland.fit");
    // The old original went with its run; the complete one is what is served.
    const original = await fetch(`${app.url}/api/activities/${run?.id}/original`);
    expect(sameBytes(await original.arrayBuffer(), PORTLAND)).toBe(true);
  });

  it("refuses a cut-off copy once the complete run is stored", async () => {
    const cut = PORTLAND.subarray(0, Math.floor(PORTLAND.length * 0.6));
    const report = await upload(app, [{ name: "portland-cut-again.fit", bytes: cut }]);
    expect(report.results[0]).toMatchObject({ status: "duplicate", code: "same-activity" });
  });
});

describe("runs: edits, originals, routes, filters", () => {
  let app: TestApp;
  let portlandId = 0;
  beforeAll(async () => {
    app = await startTestApp({ now: () => NOW });
    const report = await upload(app, [
      { name: "portland.fit", bytes: PORTLAND },
      { name: "stryd.fit", bytes: readCorpusFile("fitparse__developer-types-sample.fit") },
      { name: "blip.fit", bytes: encodeRun({ durationS: 14, speedMps: 0, start: "2025-06-01T07:00:00Z" }) },
      {
        name: "walk.fit",
        bytes: encodeRun({ durationS: 1200, speedMps: 1.2, start: "2025-06-02T07:00:00Z" }),
      },
      {
        name: "old.fit",
        bytes: encodeRun({ durationS: 1200, start: "1990-07-18T07:00:00Z", serial: 3_900_000_002 }),
      },
    ]);
    // Every test below leans on these five runs: a missing one fails here, with its outcome, not in a filter later.
    expect(report.summary, JSON.stringify(report.results)).toEqual({
      imported: 5,
      duplicate: 0,
      skipped: 0,
      rejected: 0,
    });
    const page = await get(app, "/api/activities?q=portland", activityPageSchema);
    portlandId = page.items[0]?.id ?? 0;
  });
  afterAll(() => app.close());

  it("names a run and keeps notes on it", async () => {
    const edit = { name: "Sunday long", notes: "Felt the hip at 12 km" };
    const body = await expectBody(
      await call(app, "PATCH", `/api/activities/${portlandId}`, edit),
      runEditedSchema,
    );
    expect(body).toMatchObject({ name: "Sunday long", notes: "Felt the hip at 12 km" });
    const found = await get(app, "/api/activities?q=hip%20at", activityPageSchema);
    expect(found.items.map((i) => i.id)).toEqual([portlandId]);
    const bad = await call(app, "PATCH", `/api/activities/${portlandId}`, { name: 5 });
    expect((await expectError(bad, 400)).message).toMatch(/name/);
  });

  it("serves the original file as a download, byte for byte", async () => {
    const res = await fetch(`${app.url}/api/activities/${portlandId}/original`);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="portland\.fit"/);
    expect(sameBytes(await res.arrayBuffer(), PORTLAND)).toBe(true);
  });

  it("gives the route as at most 500 points inside its bounds", async () => {
    const route = await get(app, `/api/activities/${portlandId}/route`, routeViewSchema);
    expect(route.points.length).toBeGreaterThan(100);
    expect(route.points.length).toBeLessThanOrEqual(500);
    const b = route.bounds;
    expect(b?.minLat).toBeGreaterThan(45);
    expect(b?.maxLat).toBeLessThan(46);
    for (const [lat, lon] of route.points) {
      expect(lat).toBeGreaterThanOrEqual(b?.minLat ?? 0);
      expect(lon).toBeLessThanOrEqual(b?.maxLon ?? 0);
    }
  });

  it("filters by date, distance and flags, and validates the query", async () => {
    const all = await get(app, "/api/activities?runsOnly=true", activityPageSchema);
    expect(all.hiddenShort).toBe(1);
    expect(all.items.some((i) => i.distanceM !== null && i.distanceM < 100)).toBe(false);
    const long = await get(app, "/api/activities?runsOnly=true&minDistanceM=10000", activityPageSchema);
    expect(long.items.map((i) => i.id)).toContain(portlandId);
    expect(long.items.every((i) => (i.distanceM ?? 0) >= 10_000)).toBe(true);
    const in2018 = await get(app, "/api/activities?from=2018-01-01&to=2018-12-31", activityPageSchema);
    expect(in2018.items.map((i) => i.localDate.slice(0, 4))).toEqual(["2018"]);
    const dated = await get(app, "/api/activities?flags=date", activityPageSchema);
    expect(dated.items.map((i) => i.localDate)).toEqual(["1990-07-18"]);
    expect((await expectError(await call(app, "GET", "/api/activities?flags=bogus"), 400)).message).toMatch(
      /flags/,
    );
    expect(
      (await expectError(await call(app, "GET", "/api/activities?from=yesterday"), 400)).message,
    ).toMatch(/from/);
  });

  it("says why a walk-pace run has no cadence verdict", async () => {
    const page = await get(app, "/api/activities?from=2025-06-02&to=2025-06-02", activityPageSchema);
    expect(page.items[0]?.noCadenceVerdict).toMatch(/Walking pace/);
  });

  it("keeps a 1990 date out of the analysis until it is fixed, then moves the run", async () => {
    const page = await get(app, "/api/activities?flags=date", activityPageSchema);
    const old = page.items[0];
    expect(old?.dateSuspect).toBe(true);
    const load = await get(app, "/api/load?from=1980-01-01", loadViewSchema);
    expect(load.daily.some((d) => d.date < "2000-01-01")).toBe(false);
    // The runner knows it was 2025-07-18: 35 years and a few leap days later.
    const days = Math.round((Date.UTC(2025, 6, 18) - Date.UTC(1990, 6, 18)) / 86_400_000);
    const moved = await expectBody(
      await call(app, "PATCH", `/api/activities/${old?.id}`, { dateShiftDays: days }),
      runEditedSchema,
    );
    expect(moved.localDate).toBe("2025-07-18");
    const after = await get(app, "/api/activities?flags=date", activityPageSchema);
    expect(after.items).toHaveLength(0);
    const load2 = await get(app, "/api/load?from=2025-07-18&to=2025-07-18", loadViewSchema);
    expect(load2.daily.map((d) => d.date)).toEqual(["2025-07-18"]);
    // The run's samples are still read from the original after the move.
    const detail = await get(app, `/api/activities/${old?.id}`, activityDetailSchema);
    expect(detail.series?.timeS.length ?? 0).toBeGreaterThan(10);
  });

  it("keeps shoe mileage, gives new runs the default pair and reminds at retirement", async () => {
    const pegasus40 = { name: "Pegasus 40", retireAtM: 20_000, isDefault: true };
    const shoe = await expectBody(await call(app, "POST", "/api/shoes", pegasus40), shoeViewSchema, 201);
    expect(shoe.retireAtM).toBe(20_000);
    const other = await expectBody(
      await call(app, "POST", "/api/shoes", { name: "Trail pair" }),
      shoeViewSchema,
      201,
    );
    expect(other.retireAtM).toBe(700_000);
    await expectBody(
      await call(app, "PATCH", `/api/activities/${portlandId}`, { shoeId: shoe.id }),
      runEditedSchema,
    );
    const second = encodeRun({ durationS: 1800, start: "2025-08-01T07:00:00Z", serial: 3_900_000_003 });
    const report = await upload(app, [{ name: "new.fit", bytes: second }]);
    const newId = report.results[0]?.activityIds[0];
    const shoes = await get(app, "/api/shoes", z.array(shoeViewSchema));
    const pegasus = shoes.find((s) => s.id === shoe.id);
    expect(pegasus?.runs).toBe(2);
    expect(pegasus?.distanceM).toBeGreaterThan(20_000);
    expect(pegasus?.dueForRetirement).toBe(true);
    const byShoe = await get(app, `/api/activities?shoe=${shoe.id}`, activityPageSchema);
    expect(byShoe.items.map((i) => i.id).sort()).toEqual([portlandId, newId].sort());
    const context = await get(app, "/api/insights/shoes", shoeContextSchema);
    expect(context.exploratory).toBe(true);
    expect(context.note).toMatch(/Exploratory/);
  });

  it("finds personal records from the samples and the longest run", async () => {
    const records = await get(app, "/api/records", z.array(personalRecordViewSchema));
    const byKey = new Map(records.map((r) => [r.key, r]));
    expect(byKey.get("longest")?.runId).toBe(portlandId);
    const tenK = byKey.get("10k");
    expect(tenK?.durationS).toBeGreaterThan(30 * 60);
    expect(tenK?.durationS).toBeLessThan(80 * 60);
    expect(byKey.get("1k")?.durationS).toBeLessThan(tenK?.durationS ?? 0);
    expect(byKey.has("marathon")).toBe(false);
  });

  it("lays out a month of runs for the calendar", async () => {
    const cal = await get(app, "/api/calendar?month=2018-02", calendarViewSchema);
    expect(cal.days).toHaveLength(28);
    expect(cal.days.find((d) => d.date === "2018-02-18")?.runs.map((r) => r.id)).toEqual([portlandId]);
    expect((await expectError(await call(app, "GET", "/api/calendar?month=2018-13"), 400)).message).toMatch(
      /month/,
    );
  });

  it("lists short runs when asked, slices the load by date and has no tile server by default", async () => {
    const page = await get(app, "/api/activities?includeShort=true", activityPageSchema);
    expect(page.items.length).toBeGreaterThan(2);
    expect(page.dateSuspect).toBeDefined();
    const load = await get(app, "/api/load?from=2018-01-01", loadViewSchema);
    expect(load.range.from).toBe("2018-01-01");
    expect(await get(app, "/api/map", mapSettingsSchema)).toEqual({ tileUrl: null, tileAttribution: null });
  });
});

describe("the demo kept apart, and deleting everything", () => {
  let app: TestApp;
  const data = mkdtempSync(join(tmpdir(), "stridewise-wipe-"));
  beforeAll(async () => {
    const db = openDb(":memory:");
    writeCredentials(data, { athleteId: "i12345", apiKey: "k".repeat(24) });
    app = await startTestApp({
      db,
      dataDir: data,
      now: () => NOW,
      loadDemo: () => loadDemo(db, { now: NOW, weeks: 6, sampleIntervalS: 20 }),
    });
    await upload(app, [{ name: "portland.fit", bytes: PORTLAND }]);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    rmSync(data, { recursive: true, force: true });
  });

  it("asks before adding the demo to a folder with real runs", async () => {
    const refused = await expectError(await call(app, "POST", "/api/demo", {}), 409);
    expect(refused).toMatchObject({
      code: "confirm-needed",
      message: expect.stringMatching(/1 of your own runs/),
    });
    const report = await expectBody(
      await call(app, "POST", "/api/demo", { confirm: true }),
      importResponseSchema,
    );
    expect(report.summary.imported).toBeGreaterThan(10);
    const status2 = await get(app, "/api/demo", demoStatusSchema);
    expect(status2.realRuns).toBe(1);
    expect(status2.demoRuns).toBe(report.summary.imported);
    const demoRuns = await get(app, "/api/activities?flags=demo&pageSize=500", activityPageSchema);
    expect(demoRuns.items.every((i) => i.demo)).toBe(true);
  }, 60_000);

  it("removes the demo and leaves the real run and real pain untouched", async () => {
    const entry = {
      date: "2026-11-20",
      severity: 2,
      location: "lateral",
      side: "right",
      timing: "after_run",
      note: "mine",
      redFlags: [],
    };
    // The demo logged that day too: the POST takes the day over (200), and the entry is the runner's own from now on.
    const mine = await expectBody(await call(app, "POST", "/api/pain", entry), painEntrySchema, 200);
    const removed = await expectBody(await call(app, "DELETE", "/api/demo"), demoRemovedSchema);
    expect(removed.removedFiles).toBeGreaterThan(10);
    const page = await get(app, "/api/activities", activityPageSchema);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.distanceM).toBeCloseTo(16_075.7, 0);
    const pain = await get(app, "/api/pain", z.array(painEntrySchema));
    expect(pain.map((p) => p.id)).toContain(mine.id);
    expect(pain.length).toBeLessThanOrEqual(2);
  });

  it("deletes all data only with the typed phrase", async () => {
    const refused = await call(app, "POST", "/api/data/delete-all", { confirm: "yes" });
    expect((await expectError(refused, 409)).code).toBe("confirm-needed");
    const still = await get(app, "/api/activities", activityPageSchema);
    expect(still.total).toBe(1);
    const ok = await call(app, "POST", "/api/data/delete-all", { confirm: "delete all my data" });
    expect(await expectBody(ok, deletedAllSchema)).toEqual({ deleted: true });
    const empty = await get(app, "/api/activities", activityPageSchema);
    expect(empty.total).toBe(0);
    expect(await get(app, "/api/pain", z.array(painEntrySchema))).toEqual([]);
    // The intervals.icu key goes too, or the next sync would bring every run back.
    expect(existsSync(credentialsPath(data))).toBe(false);
  });
});

describe("map tiles, off by default", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: () => NOW });
  });
  afterAll(() => app.close());

  const imgSrc = async (): Promise<string> => {
    const csp = (await fetch(`${app.url}/`)).headers.get("content-security-policy") ?? "";
    return /img-src ([^;]*)/.exec(csp)?.[1] ?? "";
  };

  it("lets images load only from this server until the runner sets a tile URL", async () => {
    expect(await imgSrc()).toBe("'self' data:");
    const put = (tileUrl: string | null): Promise<Response> => call(app, "PUT", "/api/map", { tileUrl });
    await expectError(await put("http://tiles.example.org/{z}/{x}/{y}.png"), 400);
    await expectError(await put("https://tiles.example.org/tile.png"), 400);
    const tiles = "https://tiles.example.org/{z}/{x}/{y}.png";
    expect(await expectBody(await put(tiles), mapSettingsSchema)).toEqual({
      tileUrl: tiles,
      tileAttribution: null,
    });
    expect(await imgSrc()).toBe("'self' data: https://tiles.example.org");
    expect(await expectBody(await put(null), mapSettingsSchema)).toEqual({
      tileUrl: null,
      tileAttribution: null,
    });
    expect(await imgSrc()).toBe("'self' data:");
  });

  it("compresses JSON and the dashboard's script", async () => {
    const report = await upload(app, [{ name: "portland.fit", bytes: PORTLAND }]);
    for (const path of [`/api/activities/${report.results[0]?.activityIds[0]}`, "/app.js", "/styles.css"]) {
      const res = await fetch(`${app.url}${path}`, { headers: { "accept-encoding": "gzip" } });
      expect(res.headers.get("content-encoding")).toBe("gzip");
      await res.arrayBuffer();
    }
  });
});
