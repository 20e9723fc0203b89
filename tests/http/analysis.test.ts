import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { openDb } from "../../server/db/open.ts";
import { loadDemo } from "../../server/app/demo.ts";
import type { PainScenario } from "../../server/demo/history.ts";
import {
  type InsightsView,
  activityListItemSchema,
  cadenceViewSchema,
  importResponseSchema,
  insightsViewSchema,
  loadViewSchema,
  overviewViewSchema,
  painEntrySchema,
} from "../../server/api/index.ts";
import { expectBody, getBody, parseJson, sendJson } from "../support/api.ts";

const NOW = new Date("2026-11-25T18:00:00Z");

async function appWithHistory(scenario: PainScenario, weeks: number): Promise<TestApp> {
  const db = openDb(":memory:");
  return startTestApp({
    db,
    now: () => NOW,
    loadDemo: () => loadDemo(db, { now: NOW, weeks, scenario, sampleIntervalS: 10 }),
  });
}

/** A 200 answer's body, parsed with its schema from the API contract. */
const get = <S extends z.ZodType>(app: TestApp, path: string, schema: S): Promise<z.output<S>> =>
  getBody(`${app.url}${path}`, schema);

function verdicts(insights: InsightsView): Record<string, string> {
  return Object.fromEntries(insights.correlations.map((c) => [c.hypothesis, c.verdict]));
}

describe("a history where pain follows mileage spikes, through the API", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await appWithHistory("spikes", 26);
    const report = await expectBody(
      await fetch(`${app.url}/api/demo`, { method: "POST" }),
      importResponseSchema,
    );
    expect(report.summary.imported).toBeGreaterThan(80);
    expect(report.summary.rejected).toBe(0);
  }, 120_000);
  afterAll(() => app.close());

  it("links pain to spikes and not to overstriding", async () => {
    const insights = await get(app, "/api/insights", insightsViewSchema);
    expect(verdicts(insights)).toEqual({ overstriding: "no_clear_link", mileage_spike: "linked" });
    const spike = insights.correlations.find((c) => c.hypothesis === "mileage_spike");
    expect(spike?.flaggedRuns).toBeGreaterThanOrEqual(5);
    expect(spike?.ci95?.[0]).toBeGreaterThan(1);
    expect(spike?.explanation).toMatch(/Pain followed \d+ of \d+ runs with a mileage spike/);
    expect(insights.disclaimer).toMatch(/not medical advice/);
    expect(insights.advice.some((a) => a.cause === "mileage_spike" && a.because.length > 0)).toBe(true);
  });

  it("gives the overview: weeks, ceiling, last run and latest pain", async () => {
    const overview = await get(app, "/api/overview", overviewViewSchema);
    expect(overview.hasData).toBe(true);
    expect(overview.runs).toBeGreaterThan(80);
    expect(overview.nextRun.ceilingM).toBeCloseTo((overview.nextRun.longestPrior30dM ?? 0) * 1.1, 3);
    expect((overview.lastRun?.localDate ?? "") <= "2026-11-25").toBe(true);
    expect(overview.latestPain).not.toBeNull();
    // 2026-11-25 is a Wednesday: three days into the week, compared with last Monday to Wednesday.
    expect(overview.daysIntoWeek).toBe(3);
    expect(overview.lastWeekSameDaysM).toBeLessThanOrEqual(overview.lastWeekM);
    expect(overview.verdicts.map((v) => [v.hypothesis, v.verdict])).toEqual([
      ["overstriding", "no_clear_link"],
      ["mileage_spike", "linked"],
    ]);
  });

  it("lists the recent runs waiting for a hip answer until one is logged", async () => {
    // The demo logs nearly every day: clear the last run's day and the day after to leave it unanswered.
    const last = (await get(app, "/api/overview", overviewViewSchema)).lastRun;
    if (!last) throw new Error("the demo history has runs");
    const dayAfter = new Date(Date.parse(`${last.localDate}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    for (const entry of await get(app, "/api/pain", z.array(painEntrySchema))) {
      if (entry.date === last.localDate || entry.date === dayAfter)
        expect((await fetch(`${app.url}/api/pain/${entry.id}`, { method: "DELETE" })).status).toBe(204);
    }
    const before = await get(app, "/api/pain/unanswered", z.array(activityListItemSchema));
    const run = before[0];
    expect(run?.id).toBe(last.id);
    if (!run) return;
    const res = await fetch(`${app.url}/api/pain`, sendJson("POST", { date: run.localDate, severity: 0 }));
    await expectBody(res, painEntrySchema, 201);
    const after = await get(app, "/api/pain/unanswered", z.array(activityListItemSchema));
    expect(after.map((r) => r.id)).not.toContain(run.id);
    expect((await get(app, "/api/overview", overviewViewSchema)).unanswered.length).toBe(after.length);
  });

  it("gives weekly load, each run against its 30-day longest, and acute:chronic", async () => {
    const load = await get(app, "/api/load", loadViewSchema);
    expect(load.asOf).toBe("2026-11-25");
    expect(load.weekly.length).toBeGreaterThanOrEqual(26);
    const spikes = load.runs.filter((r) => r.ratio !== null && r.ratio > 1.1);
    expect(spikes.length).toBeGreaterThan(0);
    for (const r of spikes) expect(r.category).not.toBe("within_10pct");
    expect(load.runs[0]?.category).toBe("no_recent_base");
    expect(load.acuteChronic.some((a) => a.uncoupled !== null)).toBe(true);
  });

  it("fits a personal cadence line and reports a weekly trend", async () => {
    const cadence = await get(app, "/api/cadence", cadenceViewSchema);
    expect(cadence.model.kind).toBe("personal");
    expect(cadence.points.length).toBeGreaterThan(80);
    expect(cadence.personalLine.length).toBeGreaterThan(3);
    expect(cadence.trend.some((w) => w.cadenceAtReferenceSpm !== null)).toBe(true);
  });

  it("does not load the demo twice", async () => {
    const report = await expectBody(
      await fetch(`${app.url}/api/demo`, { method: "POST" }),
      importResponseSchema,
    );
    expect(report.summary.imported).toBe(0);
  }, 120_000);

  it("serves a view made once per change, and a new one after a change", async () => {
    const before = await (await fetch(`${app.url}/api/load`)).text();
    expect(await (await fetch(`${app.url}/api/load`)).text()).toBe(before);
    const last = parseJson(before, loadViewSchema);
    const runId = last.runs[last.runs.length - 1]?.id;
    expect((await fetch(`${app.url}/api/activities/${runId}`, { method: "DELETE" })).status).toBe(204);
    const after = await get(app, "/api/load", loadViewSchema);
    expect(after.runs.length).toBe(last.runs.length - 1);
    expect(after.runs.some((r) => r.id === runId)).toBe(false);
  });
});

describe("a history where pain follows low-cadence runs, through the API", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await appWithHistory("low_cadence", 26);
    await expectBody(await fetch(`${app.url}/api/demo`, { method: "POST" }), importResponseSchema);
  }, 120_000);
  afterAll(() => app.close());

  it("links pain to overstriding and not to spikes", async () => {
    const insights = await get(app, "/api/insights", insightsViewSchema);
    expect(verdicts(insights)).toEqual({ overstriding: "linked", mileage_spike: "no_clear_link" });
  });
});

describe("two weeks of data, through the API", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await appWithHistory("spikes", 2);
    await expectBody(await fetch(`${app.url}/api/demo`, { method: "POST" }), importResponseSchema);
  }, 120_000);
  afterAll(() => app.close());

  it("says there is not enough data yet, and what is missing", async () => {
    const insights = await get(app, "/api/insights", insightsViewSchema);
    expect(verdicts(insights)).toEqual({ overstriding: "not_enough_data", mileage_spike: "not_enough_data" });
    for (const c of insights.correlations) expect(c.missing.length).toBeGreaterThan(0);
  });
});
