import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { BrowserContext, Page } from "playwright-core";
import {
  type ActivityListItem,
  activityPageSchema,
  overviewViewSchema,
  painEntrySchema,
  settingsSchema,
} from "../../server/api/index.ts";
import { artifactPath, browserSuite } from "../support/browser.ts";
import { expectBody, getBody, sendJson } from "../support/api.ts";
import { CLI, ROOT, startServer } from "../support/server.ts";
import { EXERCISES } from "../../web/tips/exercises.ts";

// The dashboard's presentation (issue 18b) on the real server with the demo's half-year, at a desktop and a phone
// size: answer first, one story per run, statistics in words, pain in seconds, charts that scale, tips, themes.

// The counts in the demo's sentences change with the weekday it is generated on, so they are matched, not fixed.
const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

const painList = z.array(painEntrySchema);

/** Share of a canvas's pixels with something drawn on them. */
async function inked(page: Page, testid: string): Promise<number> {
  const canvas = page.locator(`canvas[data-testid="${testid}"]`);
  await canvas.waitFor({ state: "visible" });
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? [];
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
    return n / Math.max(1, data.length / 4);
  });
}

let dataDir = "";
const consoleErrors: string[] = [];

/** The real server on a data folder holding the demo's half-year. */
async function demoServer(): ReturnType<typeof startServer> {
  dataDir = mkdtempSync(join(tmpdir(), "stridewise-18b-"));
  const demo = spawnSync(process.execPath, [CLI, "demo", "--data", dataDir], { cwd: ROOT, encoding: "utf8" });
  expect(demo.status, demo.stderr).toBe(0);
  return startServer(["--data", dataDir]);
}

browserSuite("the presentation on the real server", { start: demoServer, startTimeoutMs: 120_000 }, (s) => {
  afterAll(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));

  /** A page of its own at `size` (script errors and CSP violations are the suite's; console errors are kept here). */
  async function open(
    size: (typeof SIZES)[number],
    colorScheme: "light" | "dark" = "light",
  ): Promise<{ ctx: BrowserContext; page: Page }> {
    // The demo's runner lives at UTC+1: the browser's "today" must be theirs, or 23:00–24:00 UTC shifts every date.
    const page = await s.newPage({ viewport: size.viewport, colorScheme, timezoneId: "Etc/GMT-1" });
    page.setDefaultTimeout(8_000);
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(`${size.name}: ${msg.text()}`);
    });
    return { ctx: page.context(), page };
  }

  async function putSettings(patch: Record<string, unknown>): Promise<void> {
    await expectBody(await fetch(`${s.server.url}/api/settings`, sendJson("PUT", patch)), settingsSchema);
  }

  /** Opens a page afresh (a hash route equal to the current one would not render again). */
  async function visit(page: Page, path: string): Promise<void> {
    await page.goto("about:blank");
    await page.goto(`${s.server.url}/#${path}`);
  }

  /** Leaves the last run without a hip answer (the demo logs nearly every day). */
  async function clearLastRunsAnswer(): Promise<ActivityListItem> {
    const last = (await getBody(`${s.server.url}/api/overview`, overviewViewSchema)).lastRun;
    if (!last) throw new Error("the demo has runs");
    const next = new Date(Date.parse(`${last.localDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    for (const e of await getBody(`${s.server.url}/api/pain`, painList)) {
      if (e.date === last.localDate || e.date === next)
        expect((await fetch(`${s.server.url}/api/pain/${e.id}`, { method: "DELETE" })).status).toBe(204);
    }
    return last;
  }

  for (const size of SIZES) {
    describe(`the dashboard's presentation on a ${size.name}`, () => {
      let ctx: BrowserContext;
      let page: Page;
      beforeAll(async () => ({ ctx, page } = await open(size)));
      afterAll(() => ctx?.close());

      it("leads the overview with both answers, the ceiling, the last run's cadence and the runs waiting", async () => {
        const last = await clearLastRunsAnswer();
        await visit(page, `/`);
        const lines = page.getByTestId("answer-line");
        await lines.first().waitFor();
        expect(await lines.count()).toBe(2);
        const spike = await page
          .locator('[data-testid="answer-line"][data-hypothesis="mileage_spike"]')
          .innerText();
        expect(spike).toMatch(/pain followed (all \d+|\d+ of \d+) spike runs and \d+ of \d+ others/i);
        const first = await page.locator("main h2").first().innerText();
        expect(first).toMatch(/linked to your runs/);
        expect(await page.getByTestId("next-run-ceiling").innerText()).toMatch(/under/i);
        expect(await page.getByTestId("last-run-cadence").innerText()).toMatch(
          /Median cadence while running: \d+ spm; at these speeds you usually run \d+ spm/,
        );
        expect(await page.getByTestId("week-distance").innerText()).toMatch(
          /same \d days of last week|last week/,
        );
        const row = page.locator(`[data-testid="unanswered-run"][data-date="${last.localDate}"]`);
        await row.waitFor();
        await page.screenshot({ path: artifactPath(`18b-overview-${size.name}.png`), fullPage: true });
        // One tap: fine.
        await row.getByTestId("answer-fine").click();
        await page.getByText(/hip fine, saved/).waitFor();
        const sameDay = (await getBody(`${s.server.url}/api/pain`, painList)).filter(
          (e) => e.date === last.localDate,
        );
        expect(sameDay.map((e) => e.severity)).toEqual([0]);
      });

      it("logs pain for a chosen date in its own words, once per day, with Save in reach", async () => {
        const last = await clearLastRunsAnswer();
        await visit(page, `/`);
        await page
          .locator(`[data-testid="unanswered-run"][data-date="${last.localDate}"]`)
          .getByTestId("answer-sore")
          .click();
        await page.getByTestId("pain-form").waitFor();
        const title = await page.locator("#log h2").innerText();
        expect(title).toMatch(/^How (was your hip on .+\?|is your hip today\?)$/);
        // Save is on screen without scrolling the page.
        const save = await page.getByTestId("pain-save").boundingBox();
        expect(save).not.toBeNull();
        expect((save?.y ?? 1e9) + (save?.height ?? 0)).toBeLessThanOrEqual(size.viewport.height);
        // Every hip-diagram zone is at least 44 px across.
        const zones = await page
          .locator(".hip-zone")
          .evaluateAll((els) =>
            els.map((el) => Math.min(el.getBoundingClientRect().width, el.getBoundingClientRect().height)),
          );
        expect(zones.length).toBeGreaterThan(0);
        expect(Math.min(...zones)).toBeGreaterThanOrEqual(44);
        await page.getByTestId("pain-severity").fill("4");
        await page.locator(".hip-zone[data-location='lateral']").first().click();
        await page.getByTestId("pain-save").click();
        await page
          .getByText(/Saved|Updated/)
          .first()
          .waitFor();
        // "No pain" on the same date updates that day's entry instead of adding one.
        await page.getByTestId("pain-date").fill(last.localDate);
        await page.getByTestId("pain-date").dispatchEvent("change");
        await page.getByTestId("pain-none").click();
        await page
          .getByText(/Updated/)
          .first()
          .waitFor();
        const sameDay = (await getBody(`${s.server.url}/api/pain`, painList)).filter(
          (e) => e.date === last.localDate,
        );
        expect(sameDay.map((e) => e.severity)).toEqual([0]);
        await page.screenshot({ path: artifactPath(`18b-pain-${size.name}.png`) });
      });

      it("tells one run's story in one kind of average", async () => {
        const runs = await getBody(
          `${s.server.url}/api/activities?pageSize=200&runsOnly=true`,
          activityPageSchema,
        );
        const flagged = runs.items.find(
          (r) => r.flags.overstriding === "marked" || r.flags.overstriding === "possible",
        );
        if (!flagged) throw new Error("the demo has flagged runs");
        await visit(page, `/runs/${flagged.id}`);
        const story = page.getByTestId("run-story");
        await story.waitFor();
        const text = await story.innerText();
        expect(text).toMatch(
          /Low cadence for your speed.*: for \d+% of the running time .* a median \d+% below/,
        );
        const median = Math.round(flagged.medianCadenceSpm ?? 0);
        expect(text).toContain(`Median cadence while running: ${median} spm`);
        expect(await page.getByTestId("run-cadence").innerText()).toContain(`${median} spm`);
        expect(await inked(page, "chart-run-cadence")).toBeGreaterThan(0.01);
        await page.screenshot({ path: artifactPath(`18b-run-${size.name}.png`), fullPage: true });
      });

      it("puts statistics in words first and the numbers behind a details toggle", async () => {
        await visit(page, `/insights`);
        const spike = page.locator('[data-testid="insight"][data-hypothesis="mileage_spike"]');
        await spike.waitFor();
        expect(await spike.getByTestId("insight-counts").innerText()).toMatch(
          /Pain followed (all \d+|\d+ of \d+) spike runs and \d+ of \d+ others.*about \d+ times as often/,
        );
        const details = spike.getByTestId("insight-details");
        expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
        expect(await details.innerText()).not.toMatch(/95% CI/);
        await details.locator("summary").click();
        expect(await details.innerText()).toMatch(/95% CI/);
      });

      it("offers a range picker on the time charts and draws every range", async () => {
        await visit(page, `/cadence`);
        const picker = page.getByTestId("range-picker");
        await picker.waitFor();
        for (const range of ["3m", "all", "1y"]) {
          await picker.locator(`[data-range="${range}"]`).click();
          expect(await inked(page, "chart-cadence-trend")).toBeGreaterThan(0.005);
        }
        await visit(page, `/load`);
        expect(await inked(page, "chart-weekly-load")).toBeGreaterThan(0.01);
        await visit(page, `/pain`);
        expect(await inked(page, "chart-pain-timeline")).toBeGreaterThan(0.005);
      });

      it("shows every exercise with a drawing, a dose and a progression", async () => {
        await visit(page, `/tips`);
        await page.getByTestId("tip").first().waitFor();
        expect(await page.locator('[data-testid="tip"] [data-testid="exercise"]').count()).toBeGreaterThan(0);
        await page.getByTestId("all-exercises-link").click();
        // The tips page shows exercises too: wait for the list of every one, not just any exercise.
        await page.locator(".exercises").waitFor();
        expect(await page.getByTestId("exercise").count()).toBe(EXERCISES.length);
        expect(await page.getByTestId("exercise-drawing").count()).toBe(EXERCISES.length);
        for (const dose of await page.getByTestId("exercise-dose").allInnerTexts())
          expect(dose).toMatch(/\d+ (sets|×)|Hold \d+|\d+–\d+ s/);
        await page.screenshot({ path: artifactPath(`18b-exercises-${size.name}.png`), fullPage: true });
      });

      it("speaks miles in miles mode: no m/s, cm or mm", async () => {
        await putSettings({ units: "mi", heightCm: null });
        try {
          for (const path of [
            "/",
            "/cadence",
            "/settings",
            `/runs/${(await getBody(`${s.server.url}/api/overview`, overviewViewSchema)).lastRun?.id}`,
          ]) {
            await visit(page, path);
            await page.locator("main h1").waitFor();
            await page.waitForLoadState("networkidle");
            const text = await page.locator("main").innerText();
            // Settings offers both units by name; elsewhere nothing may be metric.
            expect(text, path).not.toMatch(
              path === "/settings" ? /m\/s|\d\s?(cm|mm)\b/ : /m\/s|\d\s?(cm|mm)\b|\/km\b/,
            );
          }
        } finally {
          await putSettings({ units: "km", heightCm: null });
        }
      });
    });
  }

  describe("dark mode", () => {
    it("follows the system on every page, in the page and its charts", async () => {
      const { ctx, page } = await open(SIZES[0], "dark");
      await visit(page, `/load`);
      await page.locator('canvas[data-testid="chart-weekly-load"]').waitFor();
      const bg = await page.evaluate(
        () =>
          getComputedStyle(document.body).backgroundColor ||
          getComputedStyle(document.documentElement).backgroundColor,
      );
      const rgb = (bg.match(/\d+/g) ?? []).map(Number);
      expect(Math.max(...rgb.slice(0, 3))).toBeLessThan(60);
      await page.screenshot({ path: artifactPath("18b-load-dark.png"), fullPage: true });
      await ctx.close();
    });
  });

  describe("the whole run", () => {
    it("logged no errors to the console", () => {
      expect(consoleErrors).toEqual([]);
    });
  });
});
