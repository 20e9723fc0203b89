import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesForm, startTestApp, type TestApp } from "../support/app.ts";
import { encodeActivity } from "../../fit-parser/encode.ts";
import { importResponseSchema, painEntrySchema, settingsSchema } from "../../server/api/index.ts";
import { expectBody, expectError, getBody, sendJson } from "../support/api.ts";

const json = (body: unknown, method = "POST"): RequestInit => sendJson(method, body);
const painList = z.array(painEntrySchema);

const valid = {
  date: "2026-11-20",
  severity: 4,
  location: "lateral",
  side: "right",
  timing: "after_run",
  note: "Ached on the stairs",
};

describe("/api/pain", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: () => new Date("2026-11-25T12:00:00Z") });
  });
  afterAll(() => app.close());

  it("logs an entry and returns it with its id", async () => {
    const entry = await expectBody(await fetch(`${app.url}/api/pain`, json(valid)), painEntrySchema, 201);
    expect(entry).toMatchObject({ ...valid, redFlags: [] });
    expect(entry.id).toBeGreaterThan(0);
  });

  it("logs a pain-free day with severity 0 and no location", async () => {
    const res = await fetch(`${app.url}/api/pain`, json({ date: "2026-11-21", severity: 0 }));
    expect(await expectBody(res, painEntrySchema, 201)).toMatchObject({ severity: 0, location: null });
  });

  it("lists entries newest first", async () => {
    const list = await getBody(`${app.url}/api/pain`, painList);
    expect(list.map((e) => e.date)).toEqual(["2026-11-21", "2026-11-20"]);
  });

  it.each([
    [{ ...valid, severity: 11 }, /severity/],
    [{ ...valid, severity: 2.5 }, /severity.*whole number/],
    [{ ...valid, severity: "4" }, /severity/],
    [{ ...valid, date: "2026-02-30" }, /date.*real calendar date/],
    [{ ...valid, date: "20/11/2026" }, /date.*YYYY-MM-DD/],
    [{ ...valid, location: "knee" }, /location/],
    [{ ...valid, side: "middle" }, /side/],
    [{ ...valid, timing: "yesterday" }, /timing/],
    [{ ...valid, note: "x".repeat(2001) }, /note.*2000/],
    [{ ...valid, redFlags: ["broken_leg"] }, /redFlags/],
    [{ ...valid, mood: "grumpy" }, /mood|Unrecognized/i],
    [{ date: "2026-11-20", severity: 5 }, /location is needed/],
    [[1, 2, 3], /expected object/i],
  ])("rejects %j with a 400 naming the problem", async (body, message) => {
    const error = await expectError(await fetch(`${app.url}/api/pain`, json(body)), 400);
    expect(error.code).toBe("invalid-input");
    expect(error.message).toMatch(message);
  });

  it("rejects malformed JSON and non-JSON bodies", async () => {
    const broken = await fetch(`${app.url}/api/pain`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect((await expectError(broken, 400)).code).toBe("bad-request");
    const form = await fetch(`${app.url}/api/pain`, { method: "POST", body: "severity=4" });
    expect((await expectError(form, 415)).message).toMatch(/JSON/);
  });

  it("keeps one entry per day: a POST for a logged date updates it (200), keeping its id", async () => {
    const before = await getBody(`${app.url}/api/pain`, painList);
    const first = before.find((e) => e.date === valid.date);
    const res = await fetch(`${app.url}/api/pain`, json({ ...valid, severity: 6 }));
    expect(await expectBody(res, painEntrySchema)).toMatchObject({ id: first?.id, severity: 6 });
    const after = await getBody(`${app.url}/api/pain`, painList);
    expect(after.filter((e) => e.date === valid.date)).toHaveLength(1);
  });

  it("stamps loggedAt with the server clock and marks entries written > 3 days after their date as recalled", async () => {
    const late = await expectBody(
      await fetch(`${app.url}/api/pain`, json({ date: "2026-11-10", severity: 0 })),
      painEntrySchema,
      201,
    );
    expect(late.loggedAt).toBe("2026-11-25T12:00:00.000Z");
    expect(late.recalled).toBe(true);
    const fresh = await expectBody(
      await fetch(`${app.url}/api/pain`, json({ date: "2026-11-23", severity: 0 })),
      painEntrySchema,
      201,
    );
    expect(fresh.recalled).toBe(false);
  });

  it("refuses to move an entry onto a date that already has one (409)", async () => {
    const list = await getBody(`${app.url}/api/pain`, painList);
    const entry = list.find((e) => e.date === "2026-11-21");
    const res = await fetch(
      `${app.url}/api/pain/${entry?.id}`,
      json({ ...valid, date: "2026-11-20" }, "PUT"),
    );
    expect((await expectError(res, 409)).code).toBe("pain-entry-date-taken");
  });

  it("updates and deletes an entry; a missing one is a 404", async () => {
    const created = await expectBody(
      await fetch(`${app.url}/api/pain`, json({ ...valid, date: "2026-11-18" })),
      painEntrySchema,
      201,
    );
    const updated = await fetch(
      `${app.url}/api/pain/${created.id}`,
      json({ ...valid, date: "2026-11-18", severity: 2 }, "PUT"),
    );
    expect(await expectBody(updated, painEntrySchema)).toMatchObject({ id: created.id, severity: 2 });
    expect((await fetch(`${app.url}/api/pain/${created.id}`, { method: "DELETE" })).status).toBe(204);
    const gone = await fetch(
      `${app.url}/api/pain/${created.id}`,
      json({ ...valid, date: "2026-11-18" }, "PUT"),
    );
    expect((await expectError(gone, 404)).code).toBe("pain-entry-not-found");
    await expectError(await fetch(`${app.url}/api/pain/${created.id}`, { method: "DELETE" }), 404);
    await expectError(await fetch(`${app.url}/api/pain/-1`, { method: "DELETE" }), 400);
  });
});

describe("/api/settings", () => {
  let app: TestApp;
  beforeAll(async () => {
    // Noon UTC: the same date in every zone from UTC−12 to UTC+11, so "today" without runs is exact.
    app = await startTestApp({ now: () => new Date("2026-11-25T12:00:00Z") });
  });
  afterAll(() => app.close());

  const everyDay = { mode: "every_day", since: null, periods: [], confirmations: [] };
  // With no run stored, the runner's offset is the server's own zone's (0 - : JSON has no −0).
  const serverOffsetS = 0 - new Date("2026-11-25T12:00:00Z").getTimezoneOffset() * 60;

  it("defaults to kilometres, no height and an every-day diary", async () => {
    expect(await getBody(`${app.url}/api/settings`, settingsSchema)).toEqual({
      units: "km",
      heightCm: null,
      painDiary: everyDay,
      today: "2026-11-25",
      utcOffsetS: serverOffsetS,
    });
  });

  it("saves miles and a height", async () => {
    const res = await fetch(`${app.url}/api/settings`, json({ units: "mi", heightCm: 172 }, "PUT"));
    expect(await expectBody(res, settingsSchema)).toEqual({
      units: "mi",
      heightCm: 172,
      painDiary: everyDay,
      today: "2026-11-25",
      utcOffsetS: serverOffsetS,
    });
    expect(await getBody(`${app.url}/api/settings`, settingsSchema)).toMatchObject({
      units: "mi",
      heightCm: 172,
    });
  });

  it("declares a pain-days-only diary from a past date, keeps it when it is ended, and takes a weekly confirmation", async () => {
    const declared = await expectBody(
      await fetch(
        `${app.url}/api/settings`,
        json({ painDiary: { mode: "pain_days", since: "2026-01-05" } }, "PUT"),
      ),
      settingsSchema,
    );
    expect(declared.painDiary).toMatchObject({ mode: "pain_days", since: "2026-01-05" });
    expect(declared.painDiary.periods).toHaveLength(1);
    expect(declared.painDiary.periods[0]).toMatchObject({ since: "2026-01-05", until: null });
    const confirmed = await expectBody(
      await fetch(`${app.url}/api/settings/pain-diary/confirm`, json({})),
      settingsSchema,
    );
    expect(confirmed.painDiary.confirmations).toHaveLength(1);
    const ended = await expectBody(
      await fetch(`${app.url}/api/settings`, json({ painDiary: { mode: "every_day", since: null } }, "PUT")),
      settingsSchema,
    );
    expect(ended.painDiary).toMatchObject({ mode: "every_day", since: null });
    expect(ended.painDiary.periods[0]?.until).not.toBeNull();
  });

  it.each([
    [{ units: "furlongs" }, /units/],
    [{ heightCm: 20 }, /heightCm/],
    [{ heightCm: "tall" }, /heightCm/],
    [{ theme: "dark" }, /theme|Unrecognized/i],
    [{ painDiary: { mode: "sometimes", since: null } }, /painDiary/],
    [{ painDiary: { mode: "pain_days", since: "2026-02-30" } }, /painDiary.since/],
    [{ painDiary: { mode: "pain_days", since: "2999-01-01" } }, /after today/],
    [{ painDiary: { mode: "every_day", since: "2026-01-01" } }, /since must be null/],
  ])("rejects %j with a 400", async (body, message) => {
    const error = await expectError(await fetch(`${app.url}/api/settings`, json(body, "PUT")), 400);
    expect(error.message).toMatch(message);
  });
});

describe("/api/settings today", () => {
  let app: TestApp;
  // 20:00 in London is already 05:00 the next morning in Tokyo, where the runner's watch is.
  const NOW = new Date("2026-11-25T20:00:00Z");
  beforeAll(async () => {
    app = await startTestApp({ now: () => NOW });
    const tokyoRun = encodeActivity({
      start: new Date("2026-11-24T22:00:00Z"),
      durationS: 1800,
      utcOffsetS: 9 * 3600,
      samples: { speedMps: () => 3, cadenceSpm: () => 172 },
    });
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm([{ name: "tokyo.fit", bytes: tokyoRun }]),
    });
    expect((await expectBody(res, importResponseSchema)).summary.imported).toBe(1);
  });
  afterAll(() => app.close());

  it("is the runner's date by their latest run's zone, in every answer", async () => {
    const settings = await getBody(`${app.url}/api/settings`, settingsSchema);
    expect(settings.today).toBe("2026-11-26");
    // The offset it is reckoned in: the Tokyo run's, so a page left open counts on from Tokyo's midnight.
    expect(settings.utcOffsetS).toBe(9 * 3600);
    const saved = await expectBody(
      await fetch(`${app.url}/api/settings`, json({ units: "km" }, "PUT")),
      settingsSchema,
    );
    expect(saved.today).toBe("2026-11-26");
    const confirmed = await expectBody(
      await fetch(`${app.url}/api/settings/pain-diary/confirm`, json({})),
      settingsSchema,
    );
    expect(confirmed.today).toBe("2026-11-26");
  });

  it("accepts a diary declared from that today, though it is still the 25th in UTC", async () => {
    const declared = await expectBody(
      await fetch(
        `${app.url}/api/settings`,
        json({ painDiary: { mode: "pain_days", since: "2026-11-26" } }, "PUT"),
      ),
      settingsSchema,
    );
    expect(declared.painDiary.since).toBe("2026-11-26");
  });
});
