import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { artifactPath, browserSuite } from "../support/browser.ts";
import { expectBody, getBody } from "../support/api.ts";
import { encodeRun } from "../app/fixtures.ts";
import { activityDetailSchema, importResponseSchema } from "../../server/api/index.ts";

// A runner moves a run whose watch clock was never set, sees where it went, and takes the fix back from the
// run's page and from the "Dates to check" card, at desktop and phone sizes, on the real server.

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, serial: 3_900_300_000 },
  { name: "phone", viewport: { width: 390, height: 844 }, serial: 3_900_300_100 },
] as const;

const dayBefore = (days: number): string =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

browserSuite("undoing a date fix, in the browser on the real server", {}, (s) => {
  describe.each(SIZES)("at $name size", (size) => {
    let page: Page;
    /** The run dated 18 Jul 1990 (09:00 on its own clock), and one dated 31 Dec 1989. */
    let moved = 0;
    let confirmed = 0;
    const row = (testid: string, id: number) => page.locator(`[data-testid="${testid}"][data-id="${id}"]`);
    const visit = async (path: string): Promise<void> => {
      await page.goto("about:blank");
      await page.goto(`${s.server.url}/#${path}`);
    };
    const fitsWidth = (): Promise<boolean> =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    /** Whether the row's top is on screen (the redraw after a fix scrolls back to it, not to the page's top). */
    const inView = (testid: string, id: number): Promise<boolean> =>
      row(testid, id).evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight;
      });
    const fileDate = async (id: number): Promise<string> =>
      (await getBody(`${s.server.url}/api/activities/${id}`, activityDetailSchema)).summary.localDate;

    beforeAll(async () => {
      const form = new FormData();
      ["1990-07-18T07:00:00Z", "1989-12-31T07:00:00Z"].forEach((start, i) => {
        const bytes = encodeRun({ start, durationS: 1500, serial: size.serial + i });
        form.append("files", new Blob([new Uint8Array(bytes)]), `clock-${size.name}-${i}.fit`);
      });
      const res = await fetch(`${s.server.url}/api/activities`, { method: "POST", body: form });
      const report = await expectBody(res, importResponseSchema);
      [moved = 0, confirmed = 0] = report.results.map((r) => r.activityIds[0] ?? 0);
      page = await s.newPage({ viewport: size.viewport });
      page.setDefaultTimeout(10_000);
    });

    it("says where a moved run went, and undoes the move from the run's page", async () => {
      const target = dayBefore(30);
      await visit("/runs");
      const toCheck = row("date-to-check", moved);
      await toCheck.getByTestId("fix-date-input").fill(target);
      await toCheck.getByTestId("fix-time-input").fill("07:30");
      await toCheck.getByTestId("fix-date-save").click();
      const went = row("date-fixed", moved);
      await went.waitFor();
      expect(await row("date-to-check", moved).count()).toBe(0);
      await expect.poll(() => inView("date-fixed", moved)).toBe(true);
      expect(await went.innerText()).toMatch(new RegExp(`Moved to .*${target.slice(0, 4)}.*07:30`));
      expect(await fitsWidth()).toBe(true);
      await page
        .getByTestId("dates-to-check")
        .screenshot({ path: artifactPath(`date-fix-undo-${size.name}-moved.png`) });
      expect(await fileDate(moved)).toBe(target);

      await went.locator("a").click();
      const note = page.getByTestId("run-date-fix");
      await note.waitFor();
      expect(await note.innerText()).toMatch(/Moved from .*18.*1990, 09:00.* by the date fix/);
      await note.screenshot({ path: artifactPath(`date-fix-undo-${size.name}-run-page.png`) });
      expect(await fitsWidth()).toBe(true);
      await note.getByTestId("undo-date-fix").click();
      await expect.poll(() => page.getByTestId("run-date-fix").count()).toBe(0);
      await page.locator("h1").filter({ hasText: /1990/ }).waitFor();
      expect(await fileDate(moved)).toBe("1990-07-18");

      await visit("/runs");
      await row("date-to-check", moved).waitFor();
      expect(await page.getByTestId("date-fixed").count()).toBe(0);
    });

    it("undoes a shift from the card itself, and the run is back to check", async () => {
      await visit("/runs");
      const toCheck = row("date-to-check", moved);
      await toCheck.getByTestId("offset-years").fill("35");
      await toCheck.getByTestId("offset-save").click();
      const went = row("date-fixed", moved);
      await went.waitFor();
      expect(await went.innerText()).toMatch(/Moved to .*2025/);
      expect(await went.getByTestId("undo-date-fix").getAttribute("aria-label")).toMatch(
        /^Undo the date fix of the run now on .*2025/,
      );
      expect(await fileDate(moved)).toBe("2025-07-18");
      await went.getByTestId("undo-date-fix").click();
      await row("date-to-check", moved).waitFor();
      await expect.poll(() => inView("date-to-check", moved)).toBe(true);
      expect(await page.getByTestId("date-fixed").count()).toBe(0);
      expect(await fileDate(moved)).toBe("1990-07-18");
    });

    it("takes back a confirmation from the run's page and from the card", async () => {
      await visit("/runs");
      await row("date-to-check", confirmed).getByTestId("confirm-date").click();
      const kept = row("date-fixed", confirmed);
      await kept.waitFor();
      expect(await kept.innerText()).toMatch(/Kept on .*1989.*as you confirmed/);

      await kept.locator("a").click();
      const note = page.getByTestId("run-date-fix");
      await note.waitFor();
      expect(await note.innerText()).toMatch(/You confirmed this date/);
      await note.getByTestId("undo-date-fix").click();
      await expect.poll(() => page.getByTestId("run-date-fix").count()).toBe(0);

      await visit("/runs");
      await row("date-to-check", confirmed).getByTestId("confirm-date").click();
      await row("date-fixed", confirmed).getByTestId("undo-date-fix").click();
      await row("date-to-check", confirmed).waitFor();
      expect(await row("date-to-check", moved).count()).toBe(1);
      expect(await page.getByTestId("date-fixed").count()).toBe(0);
    });
  });
});
