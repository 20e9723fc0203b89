import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { artifactPath, browserSuite } from "../support/browser.ts";
import { corpusPath } from "../support/corpus.ts";

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

browserSuite("the dashboard in a real browser", { page: { viewport: { width: 1280, height: 900 } } }, (s) => {
  it("greets a new user with how to import and a demo button", async () => {
    await s.page.goto(s.server.url);
    await s.page.getByTestId("empty-state").waitFor();
    await expect(s.page.getByTestId("demo-button").isVisible()).resolves.toBe(true);
    await s.page.screenshot({ path: artifactPath("01-empty.png"), fullPage: true });
  });

  it("uploads real FIT files and shows each outcome", async () => {
    await s.page.goto(`${s.server.url}/#/import`);
    await s.page
      .getByTestId("import-input")
      .setInputFiles([
        corpusPath("elevate__portland.fit"),
        corpusPath("fitparse__developer-types-sample.fit"),
        corpusPath("elevate__empty.fit"),
        corpusPath("fitparse__Settings.fit"),
      ]);
    await s.page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
    const statuses = await s.page
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
    await s.page.screenshot({ path: artifactPath("02-import.png"), fullPage: true });
  });

  it("lists the imported runs", async () => {
    await s.page.goto(`${s.server.url}/#/runs`);
    await s.page.getByTestId("run-row").first().waitFor();
    expect(await s.page.getByTestId("run-row").count()).toBe(2);
    await s.page.screenshot({ path: artifactPath("03-runs.png"), fullPage: true });
  });

  it("opens a run and draws its cadence chart", async () => {
    await s.page.getByTestId("run-row").first().locator("a").first().click();
    await s.page.getByTestId("run-stats").waitFor();
    expect(await inkedShare(s.page, "chart-run-cadence")).toBeGreaterThan(0.01);
    expect(await s.page.getByTestId("laps-table").locator("tbody tr").count()).toBeGreaterThan(3);
    await s.page.screenshot({ path: artifactPath("04-run.png"), fullPage: true });
  });

  it("draws the cadence and load charts", async () => {
    await s.page.goto(`${s.server.url}/#/cadence`);
    expect(await inkedShare(s.page, "chart-cadence-scatter")).toBeGreaterThan(0.005);
    await s.page.screenshot({ path: artifactPath("05-cadence.png"), fullPage: true });
    await s.page.goto(`${s.server.url}/#/load`);
    expect(await inkedShare(s.page, "chart-weekly-load")).toBeGreaterThan(0.005);
    await s.page.screenshot({ path: artifactPath("06-load.png"), fullPage: true });
  });

  it("logs hip pain, and the insights change", async () => {
    await s.page.goto(`${s.server.url}/#/insights`);
    await s.page.getByTestId("insight").first().waitFor();
    const before = await s.page.getByTestId("insight").allTextContents();

    await s.page.goto(`${s.server.url}/#/pain`);
    await s.page.getByTestId("pain-form").waitFor();
    // The day after the latest run (Portland, 2018-02-18): pain within 48 h of it.
    await s.page.getByTestId("pain-date").fill("2018-02-19");
    await s.page.getByTestId("pain-severity").fill("5");
    await s.page.locator('input[name="location"][value="lateral"]').check();
    await s.page.locator('input[name="side"][value="right"]').check();
    await s.page.locator('input[name="timing"][value="next_morning"]').check();
    await s.page.locator("#pain-note").fill("Sore on the stairs <img src=x onerror=window.__xss=1>");
    await s.page.getByTestId("pain-save").click();
    await s.page.getByTestId("pain-entry").first().waitFor();
    expect(await s.page.getByTestId("pain-list").textContent()).toContain(
      "<img src=x onerror=window.__xss=1>",
    );
    expect(await s.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await s.page.screenshot({ path: artifactPath("07-pain.png"), fullPage: true });

    await s.page.goto(`${s.server.url}/#/insights`);
    await s.page.getByTestId("insight").first().waitFor();
    const after = await s.page.getByTestId("insight").allTextContents();
    expect(after).not.toEqual(before);
    expect(after.join(" ")).toMatch(/not enough data/i);
    await s.page.screenshot({ path: artifactPath("08-insights.png"), fullPage: true });
  });
});

browserSuite("the demo in a real browser", { page: { viewport: { width: 390, height: 844 } } }, (s) => {
  it("loads a half-year with one click and shows the overview, insights and tips on a phone", async () => {
    await s.page.goto(s.server.url);
    await s.page.getByTestId("demo-button").click();
    await s.page.getByTestId("overview").waitFor({ timeout: 90_000 });
    await s.page.screenshot({ path: artifactPath("10-demo-overview-phone.png"), fullPage: true });

    await s.page.goto(`${s.server.url}/#/insights`);
    await s.page.getByTestId("insight").first().waitFor();
    expect((await s.page.getByTestId("insight").allTextContents()).join(" ")).toMatch(/spike/i);
    await s.page.screenshot({ path: artifactPath("11-demo-insights-phone.png"), fullPage: true });

    await s.page.goto(`${s.server.url}/#/tips`);
    await s.page.getByTestId("tip").first().waitFor();
    expect(await s.page.getByTestId("disclaimer").textContent()).toMatch(/not medical advice/i);
    await s.page.screenshot({ path: artifactPath("12-demo-tips-phone.png"), fullPage: true });
  }, 120_000);
});
