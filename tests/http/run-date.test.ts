import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesForm, startTestApp, type TestApp } from "../support/app.ts";
import { encodeRun } from "../app/fixtures.ts";
import {
  activityDetailSchema,
  activityPageSchema,
  dateFixResultSchema,
  importResponseSchema,
  loadViewSchema,
} from "../../server/api/index.ts";

const NOW = new Date("2025-08-10T12:00:00Z");

async function json(app: TestApp, method: string, path: string, body?: unknown): Promise<[number, unknown]> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    ...(body !== undefined && {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  });
  return [res.status, await res.json()];
}

describe("PUT /api/activities/:id/date", () => {
  let app: TestApp;
  let oldId = 0;
  const suspectIds = async (): Promise<number[]> => {
    const [, page] = await json(app, "GET", "/api/activities?flags=date");
    return activityPageSchema.parse(page).items.map((i) => i.id);
  };

  beforeAll(async () => {
    app = await startTestApp({ now: () => NOW });
    const files = [
      {
        name: "clock-never-set.fit",
        bytes: encodeRun({ start: "1990-07-18T07:00:00Z", durationS: 1500, serial: 3_900_000_021 }),
      },
      {
        name: "july.fit",
        bytes: encodeRun({ start: "2025-07-10T07:00:00Z", durationS: 1500, serial: 3_900_000_022 }),
      },
    ];
    const res = await fetch(`${app.url}/api/activities`, { method: "POST", body: filesForm(files) });
    const report = importResponseSchema.parse(await res.json());
    oldId = report.results[0]?.activityIds[0] ?? 0;
  });
  afterAll(() => app.close());

  it("lists the 1990 run as a date to check, with its local start time", async () => {
    expect(await suspectIds()).toEqual([oldId]);
    const [, page] = await json(app, "GET", "/api/activities?flags=date");
    expect(activityPageSchema.parse(page).items[0]?.localStartTime).toBe("09:00");
  });

  it("refuses what cannot be a fix, naming the problem", async () => {
    const cases: [unknown, RegExp][] = [
      [{ action: "set", localDate: "18/07/2025" }, /YYYY-MM-DD/],
      [{ action: "set", localDate: "2025-07-18", localTime: "25:00" }, /HH:MM/],
      [{ action: "offset" }, /move the run by something/],
      [{ action: "offset", years: 5 }, /1995-07-18, before 2000/],
      [{ action: "set", localDate: "2025-09-01" }, /after tomorrow/],
      [{ action: "move" }, /action/],
    ];
    for (const [body, message] of cases) {
      const [status, error] = await json(app, "PUT", `/api/activities/${oldId}/date`, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(error)).toMatch(message);
    }
    expect((await json(app, "PUT", `/api/activities/99999/date`, { action: "confirm" }))[0]).toBe(404);
    expect(await suspectIds()).toEqual([oldId]);
  });

  it("moves the run to the right date and time, onto the time axes and into the analysis", async () => {
    const [status, body] = await json(app, "PUT", `/api/activities/${oldId}/date`, {
      action: "set",
      localDate: "2025-07-18",
      localTime: "06:30",
    });
    expect(status).toBe(200);
    const moved = dateFixResultSchema.parse(body);
    expect(moved).toMatchObject({
      localDate: "2025-07-18",
      startUtc: "2025-07-18T04:30:00.000Z",
      dateSuspect: false,
    });
    expect(await suspectIds()).toEqual([]);
    const [, load] = await json(app, "GET", "/api/load?from=2025-07-01&to=2025-07-31");
    const view = loadViewSchema.parse(load);
    expect(view.daily.filter((d) => d.distanceM > 0).map((d) => d.date)).toEqual([
      "2025-07-10",
      "2025-07-18",
    ]);
    // The moved run is now compared with the 10 July run, 8 days before.
    expect(view.runs.find((r) => r.id === oldId)?.longestPrior30dM).toBeGreaterThan(0);
    const [, detail] = await json(app, "GET", `/api/activities/${oldId}`);
    const d = activityDetailSchema.parse(detail);
    expect(d.series.timeS.length).toBeGreaterThan(10);
    expect(d.laps[0]?.startUtc).toBe("2025-07-18T04:30:00.000Z");
  });

  it("shifts by how far the clock was off, undoes, and confirms", async () => {
    const [, shifted] = await json(app, "PUT", `/api/activities/${oldId}/date`, {
      action: "offset",
      years: 35,
      days: -1,
    });
    expect(dateFixResultSchema.parse(shifted)).toMatchObject({ localDate: "2025-07-17", dateSuspect: false });
    const [, undone] = await json(app, "PUT", `/api/activities/${oldId}/date`, { action: "undo" });
    expect(dateFixResultSchema.parse(undone)).toMatchObject({
      localDate: "1990-07-18",
      startUtc: "1990-07-18T07:00:00.000Z",
      dateShiftS: 0,
      dateSuspect: true,
    });
    expect(await suspectIds()).toEqual([oldId]);
    const [, confirmed] = await json(app, "PUT", `/api/activities/${oldId}/date`, { action: "confirm" });
    expect(dateFixResultSchema.parse(confirmed)).toMatchObject({ dateConfirmed: true, dateSuspect: false });
    expect(await suspectIds()).toEqual([]);
  });
});
