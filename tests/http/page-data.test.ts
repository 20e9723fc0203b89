import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { encodeActivity } from "../../fit-parser/encode.ts";
import { filesForm, startTestApp, type TestApp } from "../support/app.ts";
import { expectBody, expectError, getBody, sendJson } from "../support/api.ts";
import {
  activityPageSchema,
  importResponseSchema,
  painEntrySchema,
  personalRecordViewSchema,
  recordsSoFarSchema,
  runTimelineSchema,
} from "../../server/api/index.ts";

// What the heavy pages read at ten years, on a small history: the pain timeline's run list, the runs behind a flag,
// the few pain entries the run page needs, and personal records that never parse on the request path.

const NOW = new Date("2026-10-20T18:00:00Z");

function run(start: string, distanceM: number, cadenceSpm: number, serial: number): Uint8Array {
  const speedMps = 3.2;
  return encodeActivity({
    start: new Date(start),
    durationS: Math.round(distanceM / speedMps),
    utcOffsetS: 3600,
    device: { manufacturer: "garmin", serialNumber: serial },
    samples: { speedMps: () => speedMps, cadenceSpm: () => cadenceSpm, heartRateBpm: () => 140 },
  });
}

const get = <S extends z.ZodType>(app: TestApp, path: string, schema: S): Promise<z.output<S>> =>
  getBody(`${app.url}${path}`, schema);

describe("the data behind the heavy pages", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ now: () => NOW });
    const files = [
      ["a", run("2026-10-01T06:00:00Z", 5000, 172, 1)],
      ["b", run("2026-10-04T06:00:00Z", 5000, 172, 2)],
      // Low cadence for its speed: the overstriding flag.
      ["low", run("2026-10-08T06:00:00Z", 5000, 146, 3)],
      // 80% longer than the longest of the 30 days before: a spike.
      ["long", run("2026-10-11T06:00:00Z", 9000, 172, 4)],
      // Off every time axis: a watch started by mistake, and a clock never set.
      ["blip", run("2026-10-12T06:00:00Z", 40, 172, 5)],
      ["1990", run("1990-07-18T06:00:00Z", 5000, 172, 6)],
    ] as const;
    const res = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm(files.map(([name, bytes]) => ({ name: `${name}.fit`, bytes }))),
    });
    const imported = await expectBody(res, importResponseSchema);
    expect(imported.summary.imported).toBe(files.length);
    for (const date of ["2026-10-07", "2026-10-09", "2026-10-12", "2026-10-18"]) {
      const body = {
        date,
        severity: date === "2026-10-12" ? 3 : 0,
        location: date === "2026-10-12" ? "lateral" : null,
      };
      await expectBody(await fetch(`${app.url}/api/pain`, sendJson("POST", body)), painEntrySchema, 201);
    }
  });
  afterAll(() => app.close());

  it("lists every run on the time axis once, newest first, without short or misdated ones", async () => {
    const timeline = await get(app, "/api/activities/timeline", runTimelineSchema);
    expect(timeline.runs.map((r) => r.localDate)).toEqual([
      "2026-10-11",
      "2026-10-08",
      "2026-10-04",
      "2026-10-01",
    ]);
    expect(timeline.runs.map((r) => Math.round(r.distanceM / 100) * 100)).toEqual([9000, 5000, 5000, 5000]);
  });

  it("marks the same runs the runs list's flag filters find", async () => {
    const timeline = await get(app, "/api/activities/timeline", runTimelineSchema);
    for (const [flag, key] of [
      ["overstriding", "lowCadence"],
      ["spike", "spike"],
    ] as const) {
      const listed = await get(app, `/api/activities?runsOnly=true&flags=${flag}`, activityPageSchema);
      const marked = timeline.runs.filter((r) => r[key]).map((r) => r.id);
      expect(marked.length, flag).toBeGreaterThan(0);
      expect(listed.items.map((i) => i.id)).toEqual(marked);
      // "1 of your 4 runs": the count before the flag narrowed it (the blip is hidden, the 1990 run listed).
      expect(listed.totalBeforeFlags).toBe(5);
      expect(listed.total).toBe(marked.length);
    }
    const spikes = timeline.runs.filter((r) => r.spike).map((r) => r.localDate);
    expect(spikes).toContain("2026-10-11");
    expect(timeline.runs.find((r) => r.localDate === "2026-10-08")?.lowCadence).toBe(true);
    const plain = await get(app, "/api/activities?runsOnly=true", activityPageSchema);
    expect(plain.totalBeforeFlags).toBeUndefined();
  });

  it("answers only the pain entries of the days asked for, newest first", async () => {
    const some = await get(app, "/api/pain?from=2026-10-09&to=2026-10-12", z.array(painEntrySchema));
    expect(some.map((e) => e.date)).toEqual(["2026-10-12", "2026-10-09"]);
    const all = await get(app, "/api/pain", z.array(painEntrySchema));
    expect(all).toHaveLength(4);
    const bad = await expectError(await fetch(`${app.url}/api/pain?from=last-week`), 400);
    expect(bad.message).toMatch(/from/);
  });

  it("answers records from the cache at once, counts the runs still to read, and fills them in", async () => {
    app.db.sqlite.exec("DELETE FROM best_efforts");
    const first = await get(app, "/api/records/so-far", recordsSoFarSchema);
    // Four runs count (the blip and the 1990 run do not); none read yet, so only the longest run is known.
    expect(first.pendingRuns).toBe(4);
    expect(first.records.map((r) => r.key)).toEqual(["longest"]);
    let now = first;
    for (let i = 0; i < 100 && now.pendingRuns > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      now = await get(app, "/api/records/so-far", recordsSoFarSchema);
    }
    expect(now.pendingRuns).toBe(0);
    expect(now.records.map((r) => r.key)).toEqual(["1k", "5k", "longest"]);
    const complete = await get(app, "/api/records", z.array(personalRecordViewSchema));
    expect(now.records).toEqual(complete);
  });
});
