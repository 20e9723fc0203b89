import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { artifactPath, describeBrowser, launchBrowser } from "../support/browser.ts";
import { corpusPath } from "../support/corpus.ts";
import { startServer, type RunningServer } from "../support/server.ts";

/** Share of a canvas's pixels that something was drawn on: 0 for a blank chart. */
async function inkedShare(page: Page, testid: string): Promise<number> {
  const canvas = page.locator(`canvas[data-testid="${testid}"]`);
  await canvas.waitFor({ state: "visible" });
  // Chart.js animates in; wait until the drawing settles.
  await page.waitForTimeout(600);
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return 0;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) inked++;
    return inked / (data.length / 4);
  });
}

describeBrowser("the dashboard in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (err) => pageErrors.push(err.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("greets a new user with how to import and a demo button", async () => {
    await page.goto(server.url);
    await page.getByTestId("empty-state").waitFor();
    await expect(page.getByTestId("demo-button").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath("01-empty.png"), fullPage: true });
  });

  it("uploads real FIT files and shows each outcome", async () => {
    await page.goto(`${server.url}/#/import`);
    await page
      .getByTestId("import-input")
      .setInputFiles([
        corpusPath("elevate__portland.fit"),
        corpusPath("fitparse__developer-types-sample.fit"),
        corpusPath("elevate__empty.fit"),
        corpusPath("fitparse__Settings.fit"),
      ]);
    await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
    const statuses = await page
      .getByTestId("import-result")
      .evaluateAll((els) => els.map((el) => [el.textContent ?? "", el.getAttribute("data-status")]));
    expect(statuses.map(([, status]) => status).sort()).toEqual([
      "imported",
      "imported",
      "rejected",
      "skipped",
    ]);
    const rejected = statuses.find(([, status]) => status === "rejected")?.[0] ?? "";
    expect(rejected).toMatch(/elevate__empty\.fit/);
    expect(rejected).toMatch(/empty/i);
    await page.screenshot({ path: artifactPath("02-import.png"), fullPage: true });
  });

  it("lists the imported runs", async () => {
    await page.goto(`${server.url}/#/runs`);
    await page.getByTestId("run-row").first().waitFor();
    expect(await page.getByTestId("run-row").count()).toBe(2);
    await page.screenshot({ path: artifactPath("03-runs.png"), fullPage: true });
  });

  it("opens a run and draws its cadence chart", async () => {
    await page.getByTestId("run-row").first().locator("a").first().click();
    await page.getByTestId("run-stats").waitFor();
    expect(await inkedShare(page, "chart-run-cadence")).toBeGreaterThan(0.01);
    expect(await page.getByTestId("laps-table").locator("tbody tr").count()).toBeGreaterThan(3);
    await page.screenshot({ path: artifactPath("04-run.png"), fullPage: true });
  });

  it("draws the cadence and load charts", async () => {
    await page.goto(`${server.url}/#/cadence`);
    expect(await inkedShare(page, "chart-cadence-scatter")).toBeGreaterThan(0.005);
    await page.screenshot({ path: artifactPath("05-cadence.png"), fullPage: true });
    await page.goto(`${server.url}/#/load`);
    expect(await inkedShare(page, "chart-weekly-load")).toBeGreaterThan(0.005);
    await page.screenshot({ path: artifactPath("06-load.png"), fullPage: true });
  });

  it("logs hip pain, and the insights change", async () => {
    await page.goto(`${server.url}/#/insights`);
    await page.getByTestId("insight").first().waitFor();
    const before = await page.getByTestId("insight").allTextContents();

    await page.goto(`${server.url}/#/pain`);
    await page.getByTestId("pain-form").waitFor();
    // The day after the latest run (Portland, 2018-02-18): pain within 48 h of it.
    await page.getByTestId("pain-date").fill("2018-02-19");
    await page.getByTestId("pain-severity").fill("5");
    await page.locator('input[name="location"][value="lateral"]').check();
    await page.locator('input[name="side"][value="right"]').check();
    await page.locator('input[name="timing"][value="next_morning"]').check();
    await page.locator("#pain-note").fill("Sore on the stairs <img src=x onerror=window.__xss=1>");
    await page.getByTestId("pain-save").click();
    await page.getByTestId("pain-entry").first().waitFor();
    expect(await page.getByTestId("pain-list").textContent()).toContain("<img src=x onerror=window.__xss=1>");
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: artifactPath("07-pain.png"), fullPage: true });

    await page.goto(`${server.url}/#/insights`);
    await page.getByTestId("insight").first().waitFor();
    const after = await page.getByTestId("insight").allTextContents();
    expect(after).not.toEqual(before);
    expect(after.join(" ")).toMatch(/not enough data/i);
    await page.screenshot({ path: artifactPath("08-insights.png"), fullPage: true });
  });

  it("ran without script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});

describeBrowser("the demo in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("loads a half-year with one click and shows the overview, insights and tips on a phone", async () => {
    await page.goto(server.url);
    await page.getByTestId("demo-button").click();
    await page.getByTestId("overview").waitFor({ timeout: 90_000 });
    await page.screenshot({ path: artifactPath("10-demo-overview-phone.png"), fullPage: true });

    await page.goto(`${server.url}/#/insights`);
    await page.getByTestId("insight").first().waitFor();
    expect((await page.getByTestId("insight").allTextContents()).join(" ")).toMatch(/spike/i);
    await page.screenshot({ path: artifactPath("11-demo-insights-phone.png"), fullPage: true });

    await page.goto(`${server.url}/#/tips`);
    await page.getByTestId("tip").first().waitFor();
    expect(await page.getByTestId("disclaimer").textContent()).toMatch(/not medical advice/i);
    await page.screenshot({ path: artifactPath("12-demo-tips-phone.png"), fullPage: true });
  }, 120_000);
});
