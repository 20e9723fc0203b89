import { afterAll, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Decoder, Stream } from "@garmin/fitsdk";
import { browserSuite } from "../support/browser.ts";
import { startServer } from "../support/server.ts";
import { IntervalsStandIn } from "../sync/intervals-stand-in.ts";
import { dailyRuns } from "../sync/helpers.ts";

const KEY = "browser-stand-in-key-9";

const standIn = new IntervalsStandIn("i99", KEY);

/** The real server, pointed at the intervals.icu stand-in on loopback. */
async function serverWithStandIn(): ReturnType<typeof startServer> {
  return startServer([], { STRIDEWISE_INTERVALS_URL: await standIn.start() });
}

browserSuite(
  "intervals.icu and workouts in a real browser",
  { start: serverWithStandIn, page: { viewport: { width: 1280, height: 900 }, acceptDownloads: true } },
  (s) => {
    afterAll(() => standIn.stop());

    it("connects on Settings, syncs, shows what came in, and never puts the key in the page", async () => {
      standIn.add(...dailyRuns(5, new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10)));
      await s.page.goto(`${s.server.url}/#/settings`);
      await s.page.getByTestId("intervals-athlete").fill("i99");
      await s.page.getByTestId("intervals-key").fill(KEY);
      await s.page.getByTestId("intervals-connect").click();
      await s.page.getByTestId("intervals-connected").waitFor();
      expect(await s.page.getByTestId("intervals-connected").textContent()).toBe("Connected as athlete i99.");
      // Connecting starts the server's first sync at once: the runs arrive without pressing anything.
      const synced = s.page
        .getByTestId("sync-run")
        .filter({ hasText: "intervals.icu: 5 new, 0 already here" });
      for (let i = 0; i < 40 && (await synced.count()) === 0; i++) {
        await s.page.waitForTimeout(250);
        await s.page.reload();
        await s.page.getByTestId("sync-section").locator(".card").first().waitFor();
      }
      expect(await synced.count()).toBe(1);
      // "Sync now" after that finds nothing new and downloads nothing again.
      const files = standIn.fileRequests();
      await s.page.getByTestId("intervals-sync").click();
      await s.page
        .getByTestId("sync-run")
        .filter({ hasText: "intervals.icu: 0 new, 0 already here" })
        .waitFor();
      expect(standIn.fileRequests()).toBe(files);
      expect(await s.page.content()).not.toContain(KEY);
    }, 60_000);

    it("downloads the cadence workout from the Tips s.page as a FIT workout file", async () => {
      await s.page.goto(`${s.server.url}/#/tips`);
      const [download] = await Promise.all([
        s.page.waitForEvent("download"),
        s.page.getByTestId("workout-cadence").click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^SW_CAD_\d{8}\.fit$/);
      const bytes = readFileSync((await download.path()) as string);
      const { messages, errors } = new Decoder(Stream.fromByteArray(new Uint8Array(bytes))).read();
      expect(errors).toEqual([]);
      expect(messages.fileIdMesgs?.[0]?.type).toBe("workout");
    }, 60_000);

    it("disconnects, and the form comes back", async () => {
      await s.page.goto(`${s.server.url}/#/settings`);
      await s.page.getByTestId("intervals-disconnect").click();
      await s.page.getByTestId("intervals-key").waitFor();
    }, 30_000);
  },
);
