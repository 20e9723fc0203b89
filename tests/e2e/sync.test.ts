import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { Decoder, Stream } from "@garmin/fitsdk";
import { launchBrowser } from "../support/browser.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { IntervalsStandIn } from "../sync/intervals-stand-in.ts";
import { dailyRuns } from "../sync/helpers.ts";

const KEY = "browser-stand-in-key-9";

describe("intervals.icu and workouts in a real browser", () => {
  let standIn: IntervalsStandIn;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    standIn = new IntervalsStandIn("i99", KEY);
    const url = await standIn.start();
    [server, browser] = await Promise.all([
      startServer([], { STRIDEWISE_INTERVALS_URL: url }),
      launchBrowser(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (err) => pageErrors.push(err.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await standIn?.stop();
  });

  it("connects on Settings, syncs, shows what came in, and never puts the key in the page", async () => {
    standIn.add(...dailyRuns(5, new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10)));
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId("intervals-athlete").fill("i99");
    await page.getByTestId("intervals-key").fill(KEY);
    await page.getByTestId("intervals-connect").click();
    await page.getByTestId("intervals-connected").waitFor();
    expect(await page.getByTestId("intervals-connected").textContent()).toBe("Connected as athlete i99.");
    // Connecting starts the server's first sync at once: the runs arrive without pressing anything.
    const synced = page.getByTestId("sync-run").filter({ hasText: "intervals.icu: 5 new, 0 already here" });
    for (let i = 0; i < 40 && (await synced.count()) === 0; i++) {
      await page.waitForTimeout(250);
      await page.reload();
      await page.getByTestId("sync-section").locator(".card").first().waitFor();
    }
    expect(await synced.count()).toBe(1);
    // "Sync now" after that finds nothing new and downloads nothing again.
    const files = standIn.fileRequests();
    await page.getByTestId("intervals-sync").click();
    await page.getByTestId("sync-run").filter({ hasText: "intervals.icu: 0 new, 0 already here" }).waitFor();
    expect(standIn.fileRequests()).toBe(files);
    expect(await page.content()).not.toContain(KEY);
  }, 60_000);

  it("downloads the cadence workout from the Tips page as a FIT workout file", async () => {
    await page.goto(`${server.url}/#/tips`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("workout-cadence").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^SW_CAD_\d{8}\.fit$/);
    const bytes = readFileSync((await download.path()) as string);
    const { messages, errors } = new Decoder(Stream.fromByteArray(new Uint8Array(bytes))).read();
    expect(errors).toEqual([]);
    expect(messages.fileIdMesgs?.[0]?.type).toBe("workout");
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("disconnects, and the form comes back", async () => {
    await page.goto(`${server.url}/#/settings`);
    await page.getByTestId("intervals-disconnect").click();
    await page.getByTestId("intervals-key").waitFor();
  }, 30_000);
});
