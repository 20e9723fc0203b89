import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { artifactPath, describeBrowser, launchBrowser } from "../support/browser.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { filesForm } from "../support/app.ts";
import { encodeRun } from "../app/fixtures.ts";
import type { PainEntry, Settings } from "../../server/http/api-types.ts";

describeBrowser("the pain diary in a real browser", () => {
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

  it("declares 'pain days only' from a date on Settings, then takes the weekly confirmation", async () => {
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId("diary-state").waitFor();
    expect(await page.getByTestId("diary-state").textContent()).toMatch(/^Every day\./);
    expect(await page.getByTestId("diary-confirm").isVisible()).toBe(false);
    await page.getByTestId("diary-pain_days").check();
    await page.getByTestId("diary-since").fill("2026-01-05");
    await page.getByTestId("diary-save").click();
    await page.getByText("Saved.").waitFor();
    expect(await page.getByTestId("diary-state").textContent()).toMatch(/^Pain days only, since .*Jan 5/);
    await page.getByTestId("diary-confirm").click();
    await page.getByText(/count as pain-free/).waitFor();
    const settings = (await (await fetch(`${server.url}/api/settings`)).json()) as Settings;
    expect(settings.painDiary).toMatchObject({ mode: "pain_days", since: "2026-01-05" });
    expect(settings.painDiary.confirmations).toHaveLength(1);
    await page.screenshot({ path: artifactPath("diary-settings.png"), fullPage: true });
  });

  it("asks about the hip before showing a fresh run's flags", async () => {
    const start = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const res = await fetch(`${server.url}/api/activities`, {
      method: "POST",
      body: filesForm([{ name: "today.fit", bytes: encodeRun({ start, durationS: 1200 }) }]),
    });
    expect(res.status).toBeLessThan(300);
    await page.goto(`${server.url}/#/runs/1`);
    await page.getByTestId("hip-prompt").waitFor();
    expect(await page.getByText("How is your hip after this run?").isVisible()).toBe(true);
    expect(await page.locator("canvas").count()).toBe(0);
    await page.getByTestId("hip-prompt-fine").click();
    await page.getByTestId("log-pain-for-run").waitFor();
    const pain = (await (await fetch(`${server.url}/api/pain`)).json()) as PainEntry[];
    expect(pain.map((e) => [e.severity, e.timing])).toEqual([[0, "after_run"]]);
    // Answered: the next visit goes straight to the run.
    await page.goto(`${server.url}/#/runs`);
    await page.goto(`${server.url}/#/runs/1`);
    await page.getByTestId("log-pain-for-run").waitFor();
    expect(await page.getByTestId("hip-prompt").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
