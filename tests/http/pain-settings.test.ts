import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { PainEntry, Settings } from "../../server/http/api-types.ts";

const json = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

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
    const res = await fetch(`${app.url}/api/pain`, json(valid));
    expect(res.status).toBe(201);
    const entry = (await res.json()) as PainEntry;
    expect(entry).toMatchObject({ ...valid, redFlags: [] });
    expect(entry.id).toBeGreaterThan(0);
  });

  it("logs a pain-free day with severity 0 and no location", async () => {
    const res = await fetch(`${app.url}/api/pain`, json({ date: "2026-11-21", severity: 0 }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ severity: 0, location: null });
  });

  it("lists entries newest first", async () => {
    const list = (await (await fetch(`${app.url}/api/pain`)).json()) as PainEntry[];
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
    const res = await fetch(`${app.url}/api/pain`, json(body));
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("invalid-input");
    expect(error.message).toMatch(message);
  });

  it("rejects malformed JSON and non-JSON bodies", async () => {
    const broken = await fetch(`${app.url}/api/pain`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    const form = await fetch(`${app.url}/api/pain`, { method: "POST", body: "severity=4" });
    expect(form.status).toBe(415);
  });

  it("keeps one entry per day: a POST for a logged date updates it (200), keeping its id", async () => {
    const before = (await (await fetch(`${app.url}/api/pain`)).json()) as PainEntry[];
    const first = before.find((e) => e.date === valid.date);
    const res = await fetch(`${app.url}/api/pain`, json({ ...valid, severity: 6 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: first?.id, severity: 6 });
    const after = (await (await fetch(`${app.url}/api/pain`)).json()) as PainEntry[];
    expect(after.filter((e) => e.date === valid.date)).toHaveLength(1);
  });

  it("stamps loggedAt with the server clock and marks entries written > 3 days after their date as recalled", async () => {
    const late = (await (
      await fetch(`${app.url}/api/pain`, json({ date: "2026-11-10", severity: 0 }))
    ).json()) as PainEntry;
    expect(late.loggedAt).toBe("2026-11-25T12:00:00.000Z");
    expect(late.recalled).toBe(true);
    const fresh = (await (
      await fetch(`${app.url}/api/pain`, json({ date: "2026-11-23", severity: 0 }))
    ).json()) as PainEntry;
    expect(fresh.recalled).toBe(false);
  });

  it("refuses to move an entry onto a date that already has one (409)", async () => {
    const list = (await (await fetch(`${app.url}/api/pain`)).json()) as PainEntry[];
    const entry = list.find((e) => e.date === "2026-11-21") as PainEntry;
    const res = await fetch(`${app.url}/api/pain/${entry.id}`, json({ ...valid, date: "2026-11-20" }, "PUT"));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("pain-entry-date-taken");
  });

  it("updates and deletes an entry; a missing one is a 404", async () => {
    const created = (await (
      await fetch(`${app.url}/api/pain`, json({ ...valid, date: "2026-11-18" }))
    ).json()) as PainEntry;
    const updated = await fetch(
      `${app.url}/api/pain/${created.id}`,
      json({ ...valid, date: "2026-11-18", severity: 2 }, "PUT"),
    );
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id: created.id, severity: 2 });
    expect((await fetch(`${app.url}/api/pain/${created.id}`, { method: "DELETE" })).status).toBe(204);
    expect(
      (await fetch(`${app.url}/api/pain/${created.id}`, json({ ...valid, date: "2026-11-18" }, "PUT")))
        .status,
    ).toBe(404);
    expect((await fetch(`${app.url}/api/pain/${created.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await fetch(`${app.url}/api/pain/-1`, { method: "DELETE" })).status).toBe(400);
  });
});

describe("/api/settings", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const everyDay = { mode: "every_day", since: null, periods: [], confirmations: [] };

  it("defaults to kilometres, no height and an every-day diary", async () => {
    expect(await (await fetch(`${app.url}/api/settings`)).json()).toEqual({
      units: "km",
      heightCm: null,
      painDiary: everyDay,
    });
  });

  it("saves miles and a height", async () => {
    const res = await fetch(`${app.url}/api/settings`, json({ units: "mi", heightCm: 172 }, "PUT"));
    expect((await res.json()) as Settings).toEqual({ units: "mi", heightCm: 172, painDiary: everyDay });
    expect(await (await fetch(`${app.url}/api/settings`)).json()).toMatchObject({
      units: "mi",
      heightCm: 172,
    });
  });

  it("declares a pain-days-only diary from a past date, keeps it when it is ended, and takes a weekly confirmation", async () => {
    const declared = (await (
      await fetch(
        `${app.url}/api/settings`,
        json({ painDiary: { mode: "pain_days", since: "2026-01-05" } }, "PUT"),
      )
    ).json()) as Settings;
    expect(declared.painDiary).toMatchObject({ mode: "pain_days", since: "2026-01-05" });
    expect(declared.painDiary.periods).toHaveLength(1);
    expect(declared.painDiary.periods[0]).toMatchObject({ since: "2026-01-05", until: null });
    const confirmed = (await (
      await fetch(`${app.url}/api/settings/pain-diary/confirm`, json({}))
    ).json()) as Settings;
    expect(confirmed.painDiary.confirmations).toHaveLength(1);
    const ended = (await (
      await fetch(`${app.url}/api/settings`, json({ painDiary: { mode: "every_day", since: null } }, "PUT"))
    ).json()) as Settings;
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
    const res = await fetch(`${app.url}/api/settings`, json(body, "PUT"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  });
});
