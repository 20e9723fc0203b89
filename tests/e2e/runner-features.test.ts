import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactPath, browserSuite } from "../support/browser.ts";
import { corpusPath } from "../support/corpus.ts";
import { encodeRun } from "../app/fixtures.ts";
import { parseJson } from "../support/api.ts";
import { painEntrySchema } from "../../server/api/index.ts";

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** True when nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

async function upload(page: Page, url: string, files: string[]): Promise<string[]> {
  await page.goto(`${url}/#/import`);
  await page.getByTestId("import-input").setInputFiles(files);
  await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
  return page
    .getByTestId("import-result")
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-status") ?? ""));
}

for (const viewport of VIEWPORTS) {
  const size = { viewport: { width: viewport.width, height: viewport.height } };
  browserSuite(`runner features in a real browser (${viewport.name})`, { page: size }, (s) => {
    let dir = "";
    const shot = (name: string): Promise<Buffer> =>
      s.page.screenshot({ path: artifactPath(`18a-${viewport.name}-${name}.png`), fullPage: true });

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "stridewise-e2e-"));
      const whole = readFileSync(corpusPath("elevate__portland.fit"));
      writeFileSync(join(dir, "portland-cut.fit"), whole.subarray(0, Math.floor(whole.length * 0.4)));
      const fixtures: [string, Parameters<typeof encodeRun>[0]][] = [
        ["clock-never-set.fit", { start: "1990-07-18T07:00:00Z", durationS: 1500, serial: 3_900_000_011 }],
        ["blip.fit", { start: "2018-02-20T07:00:00Z", durationS: 14, speedMps: 0, serial: 3_900_000_012 }],
        [
          "walk.fit",
          { start: "2018-02-21T07:00:00Z", durationS: 1500, speedMps: 1.2, serial: 3_900_000_013 },
        ],
      ];
      for (const [name, opts] of fixtures) writeFileSync(join(dir, name), encodeRun(opts));
    });
    afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

    it("marks a cut-off file partial, then keeps only the complete copy", async () => {
      expect(await upload(s.page, s.server.url, [join(dir, "portland-cut.fit")])).toEqual(["imported"]);
      expect(await s.page.getByTestId("import-result").first().textContent()).toMatch(/cut off/);
      await s.page.goto(`${s.server.url}/#/runs`);
      await s.page.getByTestId("run-row").first().waitFor();
      expect(await s.page.getByTestId("partial-badge").count()).toBe(1);
      await s.page.getByTestId("run-row").first().locator("a").first().click();
      await s.page.getByTestId("partial-note").waitFor();
      await shot("partial-run");

      expect(await upload(s.page, s.server.url, [corpusPath("elevate__portland.fit")])).toEqual(["imported"]);
      await s.page.goto(`${s.server.url}/#/runs`);
      await s.page.getByTestId("run-row").first().waitFor();
      expect(await s.page.getByTestId("run-row").count()).toBe(1);
      expect(await s.page.getByTestId("partial-badge").count()).toBe(0);
      expect(await s.page.getByTestId("run-row").first().textContent()).toMatch(/16\.1/);
    }, 60_000);

    it("draws the route, names the run and offers its original file", async () => {
      await s.page.getByTestId("run-row").first().locator("a").first().click();
      await s.page.getByTestId("route-line").waitFor();
      const points = await s.page.getByTestId("route-line").getAttribute("points");
      expect(points?.split(" ").length).toBeGreaterThan(100);
      expect(await s.page.getByTestId("route-tile").count()).toBe(0);
      const href = await s.page.getByTestId("download-original").getAttribute("href");
      const res = await s.page.request.get(`${s.server.url}${href}`);
      expect((await res.body()).byteLength).toBe(
        readFileSync(corpusPath("elevate__portland.fit")).byteLength,
      );
      await s.page.getByTestId("run-name").fill("Portland long run");
      await s.page.getByTestId("run-notes-input").fill("Hip fine until 14 km");
      await s.page.getByTestId("run-notes-save").click();
      await s.page.getByText("Saved.").waitFor();
      await shot("run-route");
      expect(await fitsWidth(s.page)).toBe(true);
    }, 30_000);

    it("draws map tiles under the route only from the tile server set in Settings", async () => {
      // Answered here, never from the network: a tile request reaching this handler passed the page's CSP.
      const asked: string[] = [];
      await s.page.route("https://tiles.example.test/**", (route) => {
        asked.push(route.request().url());
        return route.fulfill({ status: 404, body: "" });
      });
      const runUrl = s.page.url();
      await s.page.goto(`${s.server.url}/#/settings`);
      await s.page.getByTestId("tile-url").fill("https://tiles.example.test/{z}/{x}/{y}.png");
      await s.page.getByTestId("tile-save").click();
      await s.page.getByTestId("tile-status").getByText("Saved").waitFor();
      await s.page.goto(runUrl);
      await s.page.reload();
      await s.page.getByTestId("route-tile").first().waitFor();
      await s.page.waitForTimeout(300);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((u) => /^https:\/\/tiles\.example\.test\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
      await s.page.goto(`${s.server.url}/#/settings`);
      await s.page.getByTestId("tile-url").fill("");
      await s.page.getByTestId("tile-save").click();
      await s.page.getByTestId("tile-status").getByText("Saved").waitFor();
      await s.page.unroute("https://tiles.example.test/**");
    }, 30_000);

    it("searches and filters the runs list", async () => {
      await upload(s.page, s.server.url, [corpusPath("fitparse__developer-types-sample.fit")]);
      await s.page.goto(`${s.server.url}/#/runs`);
      await s.page.getByTestId("run-row").nth(1).waitFor();
      expect(await s.page.getByTestId("run-row").count()).toBe(2);
      await s.page.locator(".filters-box summary").click();
      await s.page.getByTestId("filter-q").fill("portland long");
      await s.page.getByTestId("filter-apply").click();
      await s.page.waitForFunction(() => location.hash.includes("q=portland"));
      // The unfiltered rows stay until the filtered page arrives: wait for it, not for any row.
      await expect.poll(() => s.page.getByTestId("run-row").count(), { timeout: 10_000 }).toBe(1);
      expect(await s.page.getByTestId("run-row").textContent()).toMatch(/Portland long run/);
      await s.page.goto(`${s.server.url}/#/runs?min=20`);
      await s.page.getByTestId("no-match").waitFor();
      await shot("runs-filtered");
      expect(await fitsWidth(s.page)).toBe(true);
    }, 30_000);

    it("adds a pair of shoes, assigns a run and counts its distance", async () => {
      await s.page.goto(`${s.server.url}/#/shoes`);
      await s.page.getByTestId("shoe-name").fill("Pegasus 40");
      await s.page.getByTestId("shoe-retire").fill("15");
      await s.page.getByTestId("shoe-add").click();
      await s.page.getByTestId("shoe").first().waitFor();
      await s.page.goto(`${s.server.url}/#/runs?q=portland`);
      await s.page.getByTestId("run-row").first().locator("a").first().click();
      await s.page.getByTestId("run-shoe").selectOption({ label: "Pegasus 40" });
      await s.page.getByTestId("run-notes-save").click();
      await s.page.getByText("Saved.").waitFor();
      await s.page.goto(`${s.server.url}/#/shoes`);
      await s.page.getByTestId("shoe-reminder").waitFor();
      expect(await s.page.getByTestId("shoe-distance").textContent()).toMatch(/16\.1 km in 1 run/);
      await shot("shoes");
    }, 30_000);

    it("shows personal records and the month calendar", async () => {
      await s.page.goto(`${s.server.url}/#/records`);
      await s.page.getByTestId("records-table").waitFor({ timeout: 20_000 });
      // Runs still being read show a note, and the table fills in when they are done.
      await s.page.getByTestId("records-pending").waitFor({ state: "detached", timeout: 20_000 });
      const keys = await s.page
        .getByTestId("record")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));
      expect(keys).toEqual(expect.arrayContaining(["1k", "5k", "10k", "longest"]));
      await shot("records");
      await s.page.goto(`${s.server.url}/#/calendar?month=2018-02`);
      await s.page.getByTestId("calendar").waitFor();
      expect(await s.page.getByTestId("cal-day").count()).toBe(28);
      expect(await s.page.locator('[data-date="2018-02-18"] [data-testid="cal-run"]').count()).toBe(1);
      await s.page.getByTestId("month-next").click();
      await s.page.waitForFunction(() => location.hash.includes("2018-03"));
      await s.page.locator('[data-date="2018-03-01"]').waitFor();
      await shot("calendar");
      expect(await fitsWidth(s.page)).toBe(true);
    }, 30_000);

    it("lists an implausible date to fix, hides a blip, and says why a walk has no cadence verdict", async () => {
      await upload(
        s.page,
        s.server.url,
        ["clock-never-set.fit", "blip.fit", "walk.fit"].map((n) => join(dir, n)),
      );
      await s.page.goto(`${s.server.url}/#/runs`);
      await s.page.getByTestId("date-to-check").waitFor();
      expect(await s.page.getByTestId("hidden-short").textContent()).toMatch(/1 recording is hidden/);
      await shot("dates-to-check");
      await s.page.getByTestId("fix-date-input").fill("2018-02-22");
      await s.page.getByTestId("fix-date-save").click();
      await s.page.waitForFunction(() => !document.querySelector('[data-testid="date-to-check"]'));
      await s.page.goto(`${s.server.url}/#/calendar?month=2018-02`);
      await s.page.locator('[data-date="2018-02-22"] [data-testid="cal-run"]').waitFor();
      await s.page.goto(`${s.server.url}/#/runs?from=2018-02-21&to=2018-02-21`);
      await s.page.getByTestId("run-row").first().locator("a").first().click();
      expect(await s.page.getByTestId("no-cadence-verdict").textContent()).toMatch(/Walking pace/);
    }, 30_000);

    it("colours pain days on the calendar and shows shoes as exploratory on Insights", async () => {
      const res = await s.page.request.post(`${s.server.url}/api/pain`, {
        data: {
          date: "2018-02-19",
          severity: 5,
          location: "lateral",
          side: "right",
          timing: "next_morning",
          note: "",
          redFlags: [],
        },
      });
      expect(res.status()).toBe(201);
      expect(parseJson(await res.text(), painEntrySchema).severity).toBe(5);
      await s.page.goto(`${s.server.url}/#/calendar?month=2018-02`);
      await s.page.getByTestId("calendar").waitFor();
      expect(await s.page.locator('[data-date="2018-02-19"]').getAttribute("class")).toMatch(/pain-moderate/);
      await s.page.goto(`${s.server.url}/#/insights`);
      await s.page.getByTestId("shoe-context").waitFor();
      expect(await s.page.getByText("Exploratory, not a tested question").count()).toBe(1);
    }, 30_000);

    it("asks before adding the demo, banners it, and removes it leaving real runs", async () => {
      await s.page.goto(`${s.server.url}/#/settings`);
      await s.page.getByTestId("settings-load-demo").click();
      await s.page.getByTestId("confirm-demo").click();
      await s.page.getByTestId("demo-banner").waitFor({ timeout: 90_000 });
      await shot("demo-banner");
      await s.page.goto(`${s.server.url}/#/runs?flags=demo`);
      await s.page.getByTestId("run-row").first().waitFor();
      expect(await s.page.getByTestId("run-row").count()).toBeGreaterThan(10);
      await s.page.getByTestId("remove-demo").click();
      await s.page.getByTestId("no-match").waitFor();
      await s.page.goto(`${s.server.url}/#/runs`);
      await s.page.getByTestId("run-row").first().waitFor();
      expect(await s.page.getByTestId("run-row").count()).toBe(4);
      expect(await s.page.getByTestId("demo-banner").count()).toBe(0);
    }, 120_000);

    it("deletes all data only after the typed phrase", async () => {
      await s.page.goto(`${s.server.url}/#/settings`);
      await s.page.getByTestId("delete-phrase").fill("yes");
      await s.page.getByTestId("delete-all").click();
      await s.page.getByTestId("error").waitFor();
      await s.page.getByTestId("delete-phrase").fill("delete all my data");
      await s.page.getByTestId("delete-all").click();
      await s.page.getByTestId("empty-state").waitFor();
    }, 30_000);
  });
}
