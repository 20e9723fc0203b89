import { expect, it } from "vitest";
import { z } from "zod";
import { artifactPath, browserSuite } from "../support/browser.ts";
import { filesForm } from "../support/app.ts";
import { expectBody, getBody } from "../support/api.ts";
import { encodeRun } from "../app/fixtures.ts";
import { importResponseSchema, painEntrySchema, settingsSchema } from "../../server/api/index.ts";

browserSuite(
  "the pain diary in a real browser",
  { page: { viewport: { width: 1280, height: 900 } } },
  (s) => {
    it("declares 'pain days only' from a date on Settings, then takes the weekly confirmation", async () => {
      await s.page.goto(`${s.server.url}/#/settings`);
      await s.page.getByTestId("diary-state").waitFor();
      expect(await s.page.getByTestId("diary-state").textContent()).toMatch(/^Every day\./);
      expect(await s.page.getByTestId("diary-confirm").isVisible()).toBe(false);
      await s.page.getByTestId("diary-pain_days").check();
      await s.page.getByTestId("diary-since").fill("2026-01-05");
      await s.page.getByTestId("diary-save").click();
      await s.page.getByText("Saved.").waitFor();
      expect(await s.page.getByTestId("diary-state").textContent()).toMatch(/^Pain days only, since .*Jan 5/);
      await s.page.getByTestId("diary-confirm").click();
      await s.page.getByText(/count as pain-free/).waitFor();
      const settings = await getBody(`${s.server.url}/api/settings`, settingsSchema);
      expect(settings.painDiary).toMatchObject({ mode: "pain_days", since: "2026-01-05" });
      expect(settings.painDiary.confirmations).toHaveLength(1);
      await s.page.screenshot({ path: artifactPath("diary-settings.png"), fullPage: true });
    });

    it("asks about the hip before showing a fresh run's flags", async () => {
      const start = new Date(Date.now() - 3 * 3_600_000).toISOString();
      const res = await fetch(`${s.server.url}/api/activities`, {
        method: "POST",
        body: filesForm([{ name: "today.fit", bytes: encodeRun({ start, durationS: 1200 }) }]),
      });
      expect((await expectBody(res, importResponseSchema)).summary.imported).toBe(1);
      await s.page.goto(`${s.server.url}/#/runs/1`);
      await s.page.getByTestId("hip-prompt").waitFor();
      expect(await s.page.getByText("How is your hip after this run?").isVisible()).toBe(true);
      expect(await s.page.locator("canvas").count()).toBe(0);
      await s.page.getByTestId("hip-prompt-fine").click();
      await s.page.getByTestId("log-pain-for-run").waitFor();
      const pain = await getBody(`${s.server.url}/api/pain`, z.array(painEntrySchema));
      expect(pain.map((e) => [e.severity, e.timing])).toEqual([[0, "after_run"]]);
      // Answered: the next visit goes straight to the run.
      await s.page.goto(`${s.server.url}/#/runs`);
      await s.page.goto(`${s.server.url}/#/runs/1`);
      await s.page.getByTestId("log-pain-for-run").waitFor();
      expect(await s.page.getByTestId("hip-prompt").count()).toBe(0);
    });
  },
);
