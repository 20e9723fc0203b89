import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactPath, launchBrowser } from "../support/browser.ts";
import { corpusPath } from "../support/corpus.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { encodeRun } from "../app/fixtures.ts";

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

describe.each(VIEWPORTS)("runner features in a real browser ($name)", (viewport) => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "stridewise-e2e-"));
  const shot = (name: string): Promise<Buffer> =>
    page.screenshot({ path: artifactPath(`18a-${viewport.name}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    page.on("pageerror", (err) => pageErrors.push(err.message));
    const whole = readFileSync(corpusPath("elevate__portland.fit"));
    writeFileSync(join(dir, "portland-cut.fit"), whole.subarray(0, Math.floor(whole.length * 0.4)));
    const fixtures: [string, Parameters<typeof encodeRun>[0]][] = [
      ["clock-never-set.fit", { start: "1990-07-18T07:00:00Z", durationS: 1500, serial: 3_900_000_011 }],
      ["blip.fit", { start: "2018-02-20T07:00:00Z", durationS: 14, speedMps: 0, serial: 3_900_000_012 }],
      ["walk.fit", { start: "2018-02-21T07:00:00Z", durationS: 1500, speedMps: 1.2, serial: 3_900_000_013 }],
    ];
    for (const [name, opts] of fixtures) writeFileSync(join(dir, name), encodeRun(opts));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("marks a cut-off file partial, then keeps only the complete copy", async () => {
    expect(await upload(page, server.url, [join(dir, "portland-cut.fit")])).toEqual(["imported"]);
    expect(await page.getByTestId("import-result").first().textContent()).toMatch(/cut off/);
    await page.goto(`${server.url}/#/runs`);
    await page.getByTestId("run-row").first().waitFor();
    expect(await page.getByTestId("partial-badge").count()).toBe(1);
    await page.getByTestId("run-row").first().locator("a").first().click();
    await page.getByTestId("partial-note").waitFor();
    await shot("partial-run");

    expect(await upload(page, server.url, [corpusPath("elevate__portland.fit")])).toEqual(["imported"]);
    await page.goto(`${server.url}/#/runs`);
    await page.getByTestId("run-row").first().waitFor();
    expect(await page.getByTestId("run-row").count()).toBe(1);
    expect(await page.getByTestId("partial-badge").count()).toBe(0);
    expect(await page.getByTestId("run-row").first().textContent()).toMatch(/16\.1/);
  }, 60_000);

  it("draws the route, names the run and offers its original file", async () => {
    await page.getByTestId("run-row").first().locator("a").first().click();
    await page.getByTestId("route-line").waitFor();
    const points = await page.getByTestId("route-line").getAttribute("points");
    expect(points?.split(" ").length).toBeGreaterThan(100);
    expect(await page.getByTestId("route-tile").count()).toBe(0);
    const href = await page.getByTestId("download-original").getAttribute("href");
    const res = await page.request.get(`${server.url}${href}`);
    expect((await res.body()).byteLength).toBe(readFileSync(corpusPath("elevate__portland.fit")).byteLength);
    await page.getByTestId("run-name").fill("Portland long run");
    await page.getByTestId("run-notes-input").fill("Hip fine until 14 km");
    await page.getByTestId("run-notes-save").click();
    await page.getByText("Saved.").waitFor();
    await shot("run-route");
    expect(await fitsWidth(page)).toBe(true);
  }, 30_000);

  it("draws map tiles under the route only from the tile server set in Settings", async () => {
    // Answered here, never from the network: a tile request reaching this handler passed the page's CSP.
    const asked: string[] = [];
    await page.route("https://tiles.example.test/**", (route) => {
      asked.push(route.request().url());
      return route.fulfill({ status: 404, body: "" });
    });
    const runUrl = page.url();
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId("tile-url").fill("https://tiles.example.test/{z}/{x}/{y}.png");
    await page.getByTestId("tile-save").click();
    await page.getByTestId("tile-status").getByText("Saved").waitFor();
    await page.goto(runUrl);
    await page.reload();
    await page.getByTestId("route-tile").first().waitFor();
    await page.waitForTimeout(300);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((u) => /^https:\/\/tiles\.example\.test\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId("tile-url").fill("");
    await page.getByTestId("tile-save").click();
    await page.getByTestId("tile-status").getByText("Saved").waitFor();
    await page.unroute("https://tiles.example.test/**");
  }, 30_000);

  it("searches and filters the runs list", async () => {
    await upload(page, server.url, [corpusPath("fitparse__developer-types-sample.fit")]);
    await page.goto(`${server.url}/#/runs`);
    await page.getByTestId("run-row").nth(1).waitFor();
    expect(await page.getByTestId("run-row").count()).toBe(2);
    await page.locator(".filters-box summary").click();
    await page.getByTestId("filter-q").fill("portland long");
    await page.getByTestId("filter-apply").click();
    await page.waitForFunction(() => location.hash.includes("q=portland"));
    await page.getByTestId("run-row").first().waitFor();
    expect(await page.getByTestId("run-row").count()).toBe(1);
    expect(await page.getByTestId("run-row").textContent()).toMatch(/Portland long run/);
    await page.goto(`${server.url}/#/runs?min=20`);
    await page.getByTestId("no-match").waitFor();
    await shot("runs-filtered");
    expect(await fitsWidth(page)).toBe(true);
  }, 30_000);

  it("adds a pair of shoes, assigns a run and counts its distance", async () => {
    await page.goto(`${server.url}/#/shoes`);
    await page.getByTestId("shoe-name").fill("Pegasus 40");
    await page.getByTestId("shoe-retire").fill("15");
    await page.getByTestId("shoe-add").click();
    await page.getByTestId("shoe").first().waitFor();
    await page.goto(`${server.url}/#/runs?q=portland`);
    await page.getByTestId("run-row").first().locator("a").first().click();
    await page.getByTestId("run-shoe").selectOption({ label: "Pegasus 40" });
    await page.getByTestId("run-notes-save").click();
    await page.getByText("Saved.").waitFor();
    await page.goto(`${server.url}/#/shoes`);
    await page.getByTestId("shoe-reminder").waitFor();
    expect(await page.getByTestId("shoe-distance").textContent()).toMatch(/16\.1 km in 1 run/);
    await shot("shoes");
  }, 30_000);

  it("shows personal records and the month calendar", async () => {
    await page.goto(`${server.url}/#/records`);
    await page.getByTestId("records-table").waitFor({ timeout: 20_000 });
    // Runs still being read show a note, and the table fills in when they are done.
    await page.getByTestId("records-pending").waitFor({ state: "detached", timeout: 20_000 });
    const keys = await page
      .getByTestId("record")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));
    expect(keys).toEqual(expect.arrayContaining(["1k", "5k", "10k", "longest"]));
    await shot("records");
    await page.goto(`${server.url}/#/calendar?month=2018-02`);
    await page.getByTestId("calendar").waitFor();
    expect(await page.getByTestId("cal-day").count()).toBe(28);
    expect(await page.locator('[data-date="2018-02-18"] [data-testid="cal-run"]').count()).toBe(1);
    await page.getByTestId("month-next").click();
    await page.waitForFunction(() => location.hash.includes("2018-03"));
    await page.locator('[data-date="2018-03-01"]').waitFor();
    await shot("calendar");
    expect(await fitsWidth(page)).toBe(true);
  }, 30_000);

  it("lists an implausible date to fix, hides a blip, and says why a walk has no cadence verdict", async () => {
    await upload(
      page,
      server.url,
      ["clock-never-set.fit", "blip.fit", "walk.fit"].map((n) => join(dir, n)),
    );
    await page.goto(`${server.url}/#/runs`);
    await page.getByTestId("date-to-check").waitFor();
    expect(await page.getByTestId("hidden-short").textContent()).toMatch(/1 recording is hidden/);
    await shot("dates-to-check");
    await page.getByTestId("fix-date-input").fill("2018-02-22");
    await page.getByTestId("fix-date-save").click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="date-to-check"]'));
    await page.goto(`${server.url}/#/calendar?month=2018-02`);
    await page.locator('[data-date="2018-02-22"] [data-testid="cal-run"]').waitFor();
    await page.goto(`${server.url}/#/runs?from=2018-02-21&to=2018-02-21`);
    await page.getByTestId("run-row").first().locator("a").first().click();
    expect(await page.getByTestId("no-cadence-verdict").textContent()).toMatch(/Walking pace/);
  }, 30_000);

  it("colours pain days on the calendar and shows shoes as exploratory on Insights", async () => {
    const res = await page.request.post(`${server.url}/api/pain`, {
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
    expect(res.ok()).toBe(true);
    await page.goto(`${server.url}/#/calendar?month=2018-02`);
    await page.getByTestId("calendar").waitFor();
    expect(await page.locator('[data-date="2018-02-19"]').getAttribute("class")).toMatch(/pain-moderate/);
    await page.goto(`${server.url}/#/insights`);
    await page.getByTestId("shoe-context").waitFor();
    expect(await page.getByText("Exploratory, not a tested question").count()).toBe(1);
  }, 30_000);

  it("asks before adding the demo, banners it, and removes it leaving real runs", async () => {
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId("settings-load-demo").click();
    await page.getByTestId("confirm-demo").click();
    await page.getByTestId("demo-banner").waitFor({ timeout: 90_000 });
    await shot("demo-banner");
    await page.goto(`${server.url}/#/runs?flags=demo`);
    await page.getByTestId("run-row").first().waitFor();
    expect(await page.getByTestId("run-row").count()).toBeGreaterThan(10);
    await page.getByTestId("remove-demo").click();
    await page.getByTestId("no-match").waitFor();
    await page.goto(`${server.url}/#/runs`);
    await page.getByTestId("run-row").first().waitFor();
    expect(await page.getByTestId("run-row").count()).toBe(4);
    expect(await page.getByTestId("demo-banner").count()).toBe(0);
  }, 120_000);

  it("deletes all data only after the typed phrase", async () => {
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId("delete-phrase").fill("yes");
    await page.getByTestId("delete-all").click();
    await page.getByTestId("error").waitFor();
    await page.getByTestId("delete-phrase").fill("delete all my data");
    await page.getByTestId("delete-all").click();
    await page.getByTestId("empty-state").waitFor();
  }, 30_000);

  it("ran without script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
