import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesForm, startTestApp, type TestApp } from "../support/app.ts";
import { expectBody, expectError, getBody, sendJson } from "../support/api.ts";
import { encodeRun } from "../app/fixtures.ts";
import {
  activityDetailSchema,
  activityPageSchema,
  type DateFixResult,
  dateFixResultSchema,
  importResponseSchema,
  loadViewSchema,
} from "../../server/api/index.ts";

const NOW = new Date("2025-08-10T12:00:00Z");

/** PUTs a date fix: the answer as the fix result, or the error's message when `status` is not 200. */
async function fix(app: TestApp, id: number, body: unknown, status = 200): Promise<DateFixResult | string> {
  const res = await fetch(`${app.url}/api/activities/${id}/date`, sendJson("PUT", body));
  return status === 200 ? expectBody(res, dateFixResultSchema) : (await expectError(res, status)).message;
}

describe("PUT /api/activities/:id/date", () => {
  let app: TestApp;
  let oldId = 0;
  const suspectIds = async (): Promise<number[]> =>
    (await getBody(`${app.url}/api/activities?flags=date`, activityPageSchema)).items.map((i) => i.id);

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
    const report = await expectBody(res, importResponseSchema);
    oldId = report.results[0]?.activityIds[0] ?? 0;
  });
  afterAll(() => app.close());

  it("lists the 1990 run as a date to check, with its local start time", async () => {
    expect(await suspectIds()).toEqual([oldId]);
    const page = await getBody(`${app.url}/api/activities?flags=date`, activityPageSchema);
    expect(page.items[0]?.localStartTime).toBe("09:00");
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
    for (const [body, message] of cases)
      expect(await fix(app, oldId, body, 400), JSON.stringify(body)).toMatch(message);
    expect(await fix(app, 99_999, { action: "confirm" }, 404)).toMatch(/no activity/);
    expect(await suspectIds()).toEqual([oldId]);
  });

  it("moves the run to the right date and time, onto the time axes and into the analysis", async () => {
    const moved = await fix(app, oldId, { action: "set", localDate: "2025-07-18", localTime: "06:30" });
    expect(moved).toMatchObject({
      localDate: "2025-07-18",
      localStartTime: "06:30",
      startUtc: "2025-07-18T04:30:00.000Z",
      dateSuspect: false,
    });
    expect(await suspectIds()).toEqual([]);
    const view = await getBody(`${app.url}/api/load?from=2025-07-01&to=2025-07-31`, loadViewSchema);
    expect(view.daily.filter((d) => d.distanceM > 0).map((d) => d.date)).toEqual([
      "2025-07-10",
      "2025-07-18",
    ]);
    // The moved run is now compared with the 10 July run, 8 days before.
    expect(view.runs.find((r) => r.id === oldId)?.longestPrior30dM).toBeGreaterThan(0);
    const d = await getBody(`${app.url}/api/activities/${oldId}`, activityDetailSchema);
    expect(d.series.timeS.length).toBeGreaterThan(10);
    expect(d.laps[0]?.startUtc).toBe("2025-07-18T04:30:00.000Z");
    // The analysis reads the moved run's samples too (matched where its file puts it), not an empty series.
    expect(d.notes.join(" ")).toMatch(/median cadence was \d+ spm/);
  });

  it("says on the run's detail how the date fix moved it, and from where an undo puts it back", async () => {
    const dateFix = async () =>
      (await getBody(`${app.url}/api/activities/${oldId}`, activityDetailSchema)).summary.dateFix;
    expect(await dateFix()).toEqual({
      shiftS: Date.parse("2025-07-18T04:30:00Z") / 1000 - Date.parse("1990-07-18T07:00:00Z") / 1000,
      confirmed: false,
      fileLocalDate: "1990-07-18",
      fileLocalStartTime: "09:00",
    });
    expect(await fix(app, oldId, { action: "undo" })).toMatchObject({
      localDate: "1990-07-18",
      localStartTime: "09:00",
      dateSuspect: true,
    });
    expect(await dateFix()).toBeNull();
    await fix(app, oldId, { action: "confirm" });
    expect(await dateFix()).toEqual({
      shiftS: 0,
      confirmed: true,
      fileLocalDate: "1990-07-18",
      fileLocalStartTime: "09:00",
    });
    // Undo takes back a confirmation too: the date is doubtful again.
    expect(await fix(app, oldId, { action: "undo" })).toMatchObject({
      dateConfirmed: false,
      dateSuspect: true,
    });
    expect(await dateFix()).toBeNull();
    expect(await suspectIds()).toEqual([oldId]);
  });

  it("shifts by how far the clock was off, undoes, and confirms", async () => {
    expect(await fix(app, oldId, { action: "offset", years: 35, days: -1 })).toMatchObject({
      localDate: "2025-07-17",
      dateSuspect: false,
    });
    expect(await fix(app, oldId, { action: "undo" })).toMatchObject({
      localDate: "1990-07-18",
      startUtc: "1990-07-18T07:00:00.000Z",
      dateShiftS: 0,
      dateSuspect: true,
    });
    expect(await suspectIds()).toEqual([oldId]);
    expect(await fix(app, oldId, { action: "confirm" })).toMatchObject({
      dateConfirmed: true,
      dateSuspect: false,
    });
    expect(await suspectIds()).toEqual([]);
  });
});
