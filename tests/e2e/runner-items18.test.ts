import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { z } from "zod";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactPath, browserSuite } from "../support/browser.ts";
import { expectBody, getBody, sendJson } from "../support/api.ts";
import { corpusPath } from "../support/corpus.ts";
import { CLI, ROOT, startServer, type RunningServer } from "../support/server.ts";
import { encodeRun } from "../app/fixtures.ts";
import {
  activityDetailSchema,
  importResponseSchema,
  insightsViewSchema,
  loadViewSchema,
  mapSettingsSchema,
  painEntrySchema,
  recordsSoFarSchema,
} from "../../server/api/index.ts";

// Issue 18, the runner-facing items finished this round, in a real browser on the real server at desktop and
// phone sizes: shoes rename/delete, the Overview's records, date fixes, the tile credit, statistics in words,
// the inner-thigh and buttock exercises, lap medians, jump episodes, and the per-run chart over long spans.

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

/** A loopback tile server that is never there: tiles are refused in the page, nothing leaves the machine. */
const TILE_URL = "https://127.0.0.1:9/{z}/{x}/{y}.png";

let dataDir = "";
let portlandId = 0;
/** Runs with a doubtful date: the desktop moves one by date and time, the phone one by an offset, a third is confirmed. */
const suspect: number[] = [];

/** The server the suite drives: set once it has started. */
let url = "";

/** A JSON request whose answer is read through its schema (204 answers have no body to read). */
async function send<S extends z.ZodType>(
  method: string,
  path: string,
  body: unknown,
  schema: S,
  status = 200,
) {
  return expectBody(await fetch(`${url}${path}`, sendJson(method, body)), schema, status);
}

async function uploadAll(files: { name: string; bytes: Uint8Array }[]): Promise<number[]> {
  const form = new FormData();
  for (const f of files) form.append("files", new Blob([new Uint8Array(f.bytes)]), f.name);
  const report = await expectBody(
    await fetch(`${url}/api/activities`, { method: "POST", body: form }),
    importResponseSchema,
  );
  return report.results.map((r) => r.activityIds[0] ?? 0);
}

const dayBefore = (days: number): string =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Inner-thigh and buttock pain in the last days, replacing whatever the demo logged on those days. */
async function logLocatedPain(): Promise<void> {
  const days = { inner_thigh: dayBefore(2), buttock: dayBefore(3) };
  for (const e of await getBody(`${url}/api/pain`, z.array(painEntrySchema))) {
    if (Object.values(days).includes(e.date)) {
      expect((await fetch(`${url}/api/pain/${e.id}`, { method: "DELETE" })).status).toBe(204);
    }
  }
  for (const [location, date] of Object.entries(days)) {
    await send(
      "POST",
      "/api/pain",
      { date, severity: 3, location, timing: "next_morning" },
      painEntrySchema,
      201,
    );
  }
}

/**
 * The real server on the demo's half-year, with two and a half years of runs every three weeks before it (a span
 * the per-run chart draws by month), three runs from watches with a clock never set, a GPS run with laps, and
 * inner-thigh and buttock pain.
 */
async function seededServer(): Promise<RunningServer> {
  dataDir = mkdtempSync(join(tmpdir(), "stridewise-18c-"));
  const demo = spawnSync(process.execPath, [CLI, "demo", "--data", dataDir], { cwd: ROOT, encoding: "utf8" });
  expect(demo.status, demo.stderr).toBe(0);
  const server = await startServer(["--data", dataDir]);
  url = server.url;
  const sparse = Array.from({ length: 40 }, (_, i) => ({
    name: `sparse-${i}.fit`,
    bytes: encodeRun({
      start: new Date(Date.UTC(2022, 0, 3) + i * 21 * 86_400_000 + 7 * 3_600_000).toISOString(),
      durationS: 900 + (i % 5) * 300,
      serial: 3_900_100_000 + i,
    }),
  }));
  await uploadAll(sparse);
  const odd = await uploadAll(
    ["1990-07-18T07:00:00Z", "1989-12-31T07:00:00Z", "1990-03-03T07:00:00Z"].map((start, i) => ({
      name: `clock-${i}.fit`,
      bytes: encodeRun({ start, durationS: 1500, serial: 3_900_200_000 + i }),
    })),
  );
  suspect.push(...odd);
  [portlandId = 0] = await uploadAll([
    { name: "portland.fit", bytes: readFileSync(corpusPath("elevate__portland.fit")) },
  ]);
  await logLocatedPain();
  return server;
}

browserSuite(
  "issue 18's remaining runner items, on the real server",
  { start: seededServer, startTimeoutMs: 180_000 },
  (s) => {
    afterAll(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));

    describe.each(SIZES)("at $name size", (size) => {
      let page: Page;
      /** A screenshot of the part of the page a test is about, for review. */
      const shot = (name: string, where: string): Promise<Buffer> =>
        page
          .locator(where)
          .first()
          .screenshot({ path: artifactPath(`18c-${size.name}-${name}.png`) });
      const visit = async (path: string): Promise<void> => {
        await page.goto("about:blank");
        await page.goto(`${url}/#${path}`);
      };
      const fitsWidth = (): Promise<boolean> =>
        page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

      beforeAll(async () => {
        // The demo's runner lives at UTC+1: the browser's "today" is theirs.
        page = await s.newPage({ viewport: size.viewport, timezoneId: "Etc/GMT-1" });
        page.setDefaultTimeout(10_000);
        // Tiles come from the loopback address that is never there: refused here, so nothing is even tried.
        await page.route("https://127.0.0.1:9/**", (route) => route.abort());
      });

      it("renames, retires and deletes a pair of shoes", async () => {
        const name = `Pegasus ${size.name}`;
        await visit("/shoes");
        await page.getByTestId("shoe-name").fill(name);
        await page.getByTestId("shoe-is-default").uncheck();
        await page.getByTestId("shoe-add").click();
        const pair = page.getByTestId("shoe").filter({ hasText: name });
        await pair.getByTestId("shoe-rename").click();
        await pair.getByTestId("shoe-rename-input").fill(`${name} (road)`);
        await pair.getByTestId("shoe-rename-retire").fill("600");
        await pair.getByTestId("shoe-rename-save").click();
        const renamed = page.getByTestId("shoe").filter({ hasText: `${name} (road)` });
        await expect.poll(() => renamed.getByTestId("shoe-distance").innerText()).toMatch(/of 600(\.0)? km/);
        await renamed.getByTestId("shoe-retire").click();
        await page
          .getByTestId("shoe")
          .filter({ hasText: `${name} (road)` })
          .getByTestId("shoe-unretire")
          .waitFor();
        expect(await fitsWidth()).toBe(true);
        await shot("shoes", '[data-testid="shoe-list"]');
        const again = page.getByTestId("shoe").filter({ hasText: `${name} (road)` });
        await again.getByTestId("shoe-delete").click();
        await again.getByTestId("shoe-delete-confirm").click();
        await expect.poll(() => page.getByTestId("shoe").filter({ hasText: name }).count()).toBe(0);
      });

      it("shows the best few personal records on the Overview, linking to the Records page", async () => {
        // Records are read in the background after start-up: the card shows what is found so far.
        await expect
          .poll(async () => (await getBody(`${url}/api/records/so-far`, recordsSoFarSchema)).pendingRuns, {
            timeout: 60_000,
          })
          .toBe(0);
        await visit("/");
        await page.getByTestId("overview-record").first().waitFor({ timeout: 20_000 });
        const keys = await page
          .getByTestId("overview-record")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));
        expect(keys.at(-1)).toBe("longest");
        expect(keys.length).toBeGreaterThanOrEqual(2);
        expect(keys.length).toBeLessThanOrEqual(4);
        expect(await fitsWidth()).toBe(true);
        await page.getByTestId("overview-records-link").click();
        await page.getByTestId("records-table").waitFor();
      });

      it("moves a run with a doubtful date onto the time axes", async () => {
        const id = size.name === "desktop" ? suspect[0] : suspect[1];
        await visit("/runs");
        const row = page.locator(`[data-testid="date-to-check"][data-id="${id}"]`);
        await row.waitFor();
        expect(await fitsWidth()).toBe(true);
        await shot("dates-to-check", '[data-testid="dates-to-check"]');
        const target = dayBefore(400);
        if (size.name === "desktop") {
          expect(await row.getByTestId("fix-time-input").inputValue()).toBe("09:00");
          await row.getByTestId("fix-date-input").fill(target);
          await row.getByTestId("fix-time-input").fill("06:45");
          await row.getByTestId("fix-date-save").click();
        } else {
          // 1989-12-31 plus 30 years and 40 days.
          await row.getByTestId("offset-years").fill("30");
          await row.getByTestId("offset-days").fill("40");
          await row.getByTestId("offset-save").click();
        }
        await expect
          .poll(() => page.locator(`[data-testid="date-to-check"][data-id="${id}"]`).count())
          .toBe(0);
        const detail = await getBody(`${url}/api/activities/${id}`, activityDetailSchema);
        if (size.name === "desktop") {
          expect(detail.summary.localDate).toBe(target);
          expect(detail.summary.localStartTime).toBe("06:45");
        } else expect(detail.summary.localDate).toBe("2020-02-09");
        const day = detail.summary.localDate;
        const load = await getBody(`${url}/api/load?from=${day}&to=${day}`, loadViewSchema);
        expect(load.runs.map((r) => r.id)).toContain(id);
      });

      // Once is enough: at phone size, where the form is the most cramped.
      it.runIf(size.name === "phone")(
        "refuses a fix that is still implausible, then takes the runner's word for the date",
        async () => {
          await visit("/runs");
          const row = page.locator(`[data-testid="date-to-check"][data-id="${suspect[2]}"]`);
          await row.getByTestId("offset-years").fill("3");
          await row.getByTestId("offset-save").click();
          await expect.poll(() => row.getByTestId("error").innerText()).toMatch(/before 2000/);
          await row.getByTestId("confirm-date").click();
          await expect.poll(() => page.getByTestId("date-to-check").count()).toBe(0);
        },
      );

      it("shows the credit the runner set for map tiles on the route", async () => {
        await visit("/settings");
        await page.getByTestId("tile-url").fill("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
        expect(await page.getByTestId("tile-attribution").inputValue()).toBe("© OpenStreetMap contributors");
        await page.getByTestId("tile-url").fill(TILE_URL);
        await page.getByTestId("tile-attribution").fill(`Tiles © Loopback ${size.name}`);
        await page.getByTestId("tile-save").click();
        await expect.poll(() => page.getByTestId("tile-status").innerText()).toMatch(/Saved/);
        await visit(`/runs/${portlandId}`);
        await page.getByTestId("route-attribution").waitFor();
        expect(await page.getByTestId("route-attribution").textContent()).toBe(
          `Tiles © Loopback ${size.name}`,
        );
        expect(await page.getByTestId("route-caption").innerText()).toContain(
          `Tiles © Loopback ${size.name}`,
        );
        expect(await page.getByTestId("route-tile").count()).toBeGreaterThan(0);
        await page.getByTestId("route-attribution").scrollIntoViewIfNeeded();
        await shot("route-credit", '[data-testid="route"]');
        await send("PUT", "/api/map", { tileUrl: null }, mapSettingsSchema);
      });

      it("gives lap cadence from the full samples, as the server computed it", async () => {
        const detail = await getBody(`${url}/api/activities/${portlandId}`, activityDetailSchema);
        await visit(`/runs/${portlandId}`);
        const table = page.getByTestId("laps-table");
        await table.waitFor();
        const cells = await table
          .locator("tbody tr")
          .evaluateAll((rows) => rows.map((r) => r.querySelectorAll("td")[4]?.textContent ?? ""));
        expect(cells).toHaveLength(detail.laps.length);
        const withMedian = detail.laps.filter((l) => l.medianCadenceSpm !== null);
        expect(withMedian.length).toBeGreaterThan(5);
        for (const lap of withMedian)
          expect(cells[lap.index]).toContain(String(Math.round(lap.medianCadenceSpm ?? 0)));
      });

      it("puts statistics in words first and the figures behind the details toggles", async () => {
        const insights = await getBody(`${url}/api/insights`, insightsViewSchema);
        const spike = insights.correlations.find((c) => c.hypothesis === "mileage_spike");
        expect(spike?.explanation).not.toMatch(/CI|p [<=]/);
        expect(spike?.explanationDetails).toMatch(/95% CI/);
        await visit("/insights");
        const card = page.locator('[data-testid="insight"][data-hypothesis="mileage_spike"]');
        await card.waitFor();
        const details = card.getByTestId("insight-details");
        await details.locator("summary").click();
        expect(await card.getByTestId("insight-stats").innerText()).toMatch(/Risk ratio \d+(\.\d)? \(95% CI/);

        await visit("/tips");
        const tip = page.locator('[data-testid="tip"][data-id="build-gradually"]');
        await tip.waitFor();
        expect(await tip.getByTestId("tip-because").innerText()).not.toMatch(/CI|p [<=]/);
        const tipDetails = tip.getByTestId("tip-details");
        expect(await tipDetails.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
        await tipDetails.locator("summary").click();
        expect(await tipDetails.innerText()).toMatch(/95% CI .*Fisher's exact test p/s);
      });

      it("picks the Copenhagen progression and the hamstring bridge for inner-thigh and buttock pain", async () => {
        await visit("/tips");
        for (const [tipId, exerciseId] of [
          ["adductors", "copenhagen-adductor"],
          ["proximal-hamstring", "hamstring-bridge"],
        ] as const) {
          const tip = page.locator(`[data-testid="tip"][data-id="${tipId}"]`);
          await tip.waitFor();
          const exercise = tip.locator(`[data-testid="exercise"][data-id="${exerciseId}"]`);
          expect(await exercise.count()).toBe(1);
          await exercise.locator("summary").click();
          expect(await exercise.getByTestId("exercise-drawing").locator("polyline").count()).toBeGreaterThan(
            1,
          );
          expect(await exercise.getByTestId("exercise-dose").innerText()).toMatch(/\d+ (sets|holds)/);
        }
        // A buttock tip never shows the general glute bridge in place of the hamstring one.
        const buttock = page.locator(
          '[data-testid="tip"][data-id="proximal-hamstring"] [data-testid="exercise"]',
        );
        expect(await buttock.evaluateAll((els) => els.map((e) => e.getAttribute("data-id")))).toEqual([
          "hamstring-bridge",
        ]);
        expect(await fitsWidth()).toBe(true);
        await shot("tips-exercises", '[data-testid="tip"][data-id="adductors"]');
        await visit("/tips/all");
        await page.locator('#exercise-copenhagen-adductor [data-testid="exercise-drawing"]').waitFor();
        await page.locator('#exercise-hamstring-bridge [data-testid="exercise-drawing"]').waitFor();
      });

      it("lists big weekly jumps as the server's episodes, and draws ten-year spans by month", async () => {
        const load = await getBody(`${url}/api/load`, loadViewSchema);
        await visit("/load");
        const canvas = page.locator('canvas[data-testid="chart-run-vs-longest"]');
        await canvas.waitFor();
        const shown = await page.getByTestId("jump-episode").count();
        expect(shown).toBe(Math.min(8, load.jumpEpisodes.length));
        expect(await canvas.getAttribute("data-period")).toBe("run");
        await page.locator('[data-range="all"]').click();
        await expect.poll(() => canvas.getAttribute("data-period")).toBe("month");
        expect(await page.getByTestId("run-vs-longest-key").innerText()).toMatch(/largest run of the month/);
        const inked = await canvas.evaluate((el) => {
          const c = el as HTMLCanvasElement;
          const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? [];
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
          return n / Math.max(1, data.length / 4);
        });
        expect(inked).toBeGreaterThan(0.01);
        expect(await fitsWidth()).toBe(true);
        await shot("load-all", 'section:has(canvas[data-testid="chart-run-vs-longest"])');
      });
    });
  },
);
