import { z } from "zod";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runnerToday } from "../../server/core/dates.ts";
import { encodeGeneratedRun } from "../../server/demo/encode-run.ts";
import { generateHistory, type PainScenario } from "../../server/demo/history.ts";
import { openDataDir } from "../../server/db/open.ts";
import type { PainEntry as CorePainEntry } from "../../server/core/pain.ts";
import {
  type InsightsView,
  cliImportReportSchema,
  insightsViewSchema,
  painEntrySchema,
  settingsSchema,
} from "../../server/api/index.ts";
import { expectBody, getBody, parseJson, sendJson } from "../support/api.ts";
import { tempDir } from "../app/fixtures.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { CLI, ROOT } from "../support/server.ts";

// Generated histories encoded as FIT, imported with `stridewise import`, the pain log posted through the API:
// once as a daily diary, then again as pain days only with a pain_days declaration covering the history.

const OFFSET_S = 3600;
const NOW = new Date();
const TODAY = runnerToday(NOW, OFFSET_S);

type Variant = PainScenario | "constant_pain";

interface Loaded {
  app: TestApp;
  tmp: ReturnType<typeof tempDir>;
  pain: CorePainEntry[];
  firstDay: string;
}

/** Constant 3/10 every day, flaring to 6–7 where the history put its pain (after flagged runs). */
function constantPain(pain: readonly CorePainEntry[], firstDay: string): CorePainEntry[] {
  const flares = new Map(pain.filter((e) => e.severity >= 3).map((e) => [e.date, e]));
  const out: CorePainEntry[] = [];
  for (
    let d = firstDay;
    d <= TODAY;
    d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  ) {
    const flare = flares.get(d);
    out.push({
      id: out.length + 1,
      date: d,
      severity: flare ? 6 + (flare.severity % 2) : 3,
      location: "lateral",
      side: "right",
      timing: flare?.timing ?? null,
      note: "",
      redFlags: [],
    });
  }
  return out;
}

async function load(variant: Variant, weeks: number, seed: number): Promise<Loaded> {
  const tmp = tempDir("stridewise-diary-");
  const h = generateHistory({
    seed,
    weeks,
    endDate: TODAY,
    scenario: variant === "constant_pain" ? "low_cadence" : variant,
    sampleIntervalS: 10,
    utcOffsetS: OFFSET_S,
  });
  for (const run of h.runs) {
    const bytes = encodeGeneratedRun(run, { serialNumber: 3_999_000_002, recordIntervalS: 10 });
    writeFileSync(join(tmp.path, `run-${String(run.id).padStart(3, "0")}.fit`), bytes);
  }
  const data = join(tmp.path, "data");
  const r = spawnSync(process.execPath, [CLI, "import", tmp.path, "--data", data, "--json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  const { summary } = parseJson(r.stdout, cliImportReportSchema, "import --json output");
  expect(summary.imported).toBe(h.runs.length);
  const firstDay = h.runs[0]?.localDate ?? TODAY;
  const pain = variant === "constant_pain" ? constantPain(h.pain, firstDay) : h.pain;
  const app = await startTestApp({ db: openDataDir(data), now: () => NOW });
  return { app, tmp, pain, firstDay };
}

async function send(app: TestApp, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, sendJson(method, body));
}

async function logPain(app: TestApp, pain: readonly CorePainEntry[]): Promise<void> {
  for (const { id: _id, loggedAt: _at, ...entry } of pain) {
    await expectBody(await send(app, "POST", "/api/pain", entry), painEntrySchema, 201);
  }
}

async function clearPain(app: TestApp): Promise<void> {
  const list = await getBody(`${app.url}/api/pain`, z.array(painEntrySchema));
  for (const e of list)
    expect((await fetch(`${app.url}/api/pain/${e.id}`, { method: "DELETE" })).status).toBe(204);
}

async function verdicts(app: TestApp): Promise<{ view: InsightsView; v: Record<string, string> }> {
  const view = await getBody(`${app.url}/api/insights`, insightsViewSchema);
  return { view, v: Object.fromEntries(view.correlations.map((c) => [c.hypothesis, c.verdict])) };
}

/** Runs `check` with the daily diary, then with pain days only under a declaration from the first day. */
function bothDiaries(
  name: string,
  variant: Variant,
  weeks: number,
  seed: number,
  check: (v: Record<string, string>, view: InsightsView, diary: "daily" | "pain_days") => void,
): void {
  describe(name, () => {
    let loaded: Loaded;
    beforeAll(async () => {
      loaded = await load(variant, weeks, seed);
    }, 120_000);
    afterAll(async () => {
      await loaded.app.close();
      loaded.tmp.remove();
    });

    it("with a daily diary", async () => {
      await logPain(loaded.app, loaded.pain);
      const { v, view } = await verdicts(loaded.app);
      check(v, view, "daily");
      for (const c of view.correlations) expect(c.assumedPainFreeRuns).toBe(0);
    }, 60_000);

    it("with pain days only and a pain_days declaration", async () => {
      await clearPain(loaded.app);
      await logPain(
        loaded.app,
        loaded.pain.filter((e) => e.severity >= 3),
      );
      const put = await send(loaded.app, "PUT", "/api/settings", {
        painDiary: { mode: "pain_days", since: loaded.firstDay },
      });
      expect((await expectBody(put, settingsSchema)).painDiary.mode).toBe("pain_days");
      const { v, view } = await verdicts(loaded.app);
      check(v, view, "pain_days");
      for (const c of view.correlations) {
        expect(c.completeCase).toMatchObject({
          verdict: expect.any(String),
          eligibleRuns: expect.any(Number),
        });
        if (c.verdict !== "not_enough_data" && variant !== "constant_pain")
          expect(c.assumedPainFreeRuns).toBeGreaterThan(0);
      }
    }, 60_000);

    if (variant === "spikes" && weeks > 2) {
      it("and `stridewise report` prints the same, with assumed and complete-case counts", async () => {
        const data = join(loaded.tmp.path, "data");
        const json = spawnSync(process.execPath, [CLI, "report", "--data", data, "--json"], {
          cwd: ROOT,
          encoding: "utf8",
        });
        expect(json.status, json.stderr).toBe(0);
        const printed = parseJson(json.stdout, insightsViewSchema, "report --json output");
        const pick = (v: InsightsView) =>
          v.correlations.map((c) => [c.verdict, c.assumedPainFreeRuns, c.completeCase]);
        const { view } = await verdicts(loaded.app);
        expect(pick(printed)).toEqual(pick(view));
        const text = spawnSync(process.execPath, [CLI, "report", "--data", data], {
          cwd: ROOT,
          encoding: "utf8",
        });
        expect(text.stdout).toMatch(/runs resting on assumed pain-free days: [1-9]\d*/);
        expect(text.stdout).toMatch(/logged days only: /);
      }, 60_000);
    }
  });
}

bothDiaries("pain after mileage spikes", "spikes", 26, 7, (v) => {
  expect(v["mileage_spike"]).toBe("linked");
});

bothDiaries("pain after low-cadence runs", "low_cadence", 26, 12, (v) => {
  expect(v["overstriding"]).toBe("linked");
});

bothDiaries("pain at random", "random", 26, 13, (v) => {
  expect(Object.values(v)).not.toContain("linked");
});

bothDiaries("two weeks of running", "spikes", 2, 14, (v) => {
  expect(v).toEqual({ overstriding: "not_enough_data", mileage_spike: "not_enough_data" });
});

bothDiaries(
  "constant 3/10 pain, flaring after low-cadence runs",
  "constant_pain",
  26,
  15,
  (v, view, diary) => {
    // Pain days only: every day is ≥ 3/10, so the log is complete either way.
    expect(v["overstriding"]).toBe("linked");
    expect(view.correlations[0]?.eligibleRuns).toBeGreaterThan(40);
    expect(diary === "daily" || view.correlations[0]?.assumedPainFreeRuns === 0).toBe(true);
  },
);
