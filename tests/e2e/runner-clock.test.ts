import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSuite } from "../support/browser.ts";
import { filesForm } from "../support/app.ts";
import { expectBody, getBody, sendJson } from "../support/api.ts";
import { encodeActivity } from "../../fit-parser/encode.ts";
import { importResponseSchema, settingsSchema } from "../../server/api/index.ts";

const HOUR_S = 3600;

function run(start: Date, utcOffsetS: number): Uint8Array {
  return encodeActivity({
    start,
    durationS: 1800,
    utcOffsetS,
    device: { manufacturer: "garmin", serialNumber: 3_900_000_001 },
    samples: { speedMps: () => 3, cadenceSpm: () => 172, heartRateBpm: () => 140 },
  });
}

/** The browser's own date, as the dashboard used to take it. */
const browserDate = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });

browserSuite("the runner's clock in a real browser", {}, (s) => {
  it("shows a Tokyo run's start in Tokyo time to a browser in London", async () => {
    // 22:30 UTC on 1 March is 07:30 on 2 March in Tokyo, 22:30 on 1 March in London.
    const res = await fetch(`${s.server.url}/api/activities`, {
      method: "POST",
      body: filesForm([{ name: "tokyo.fit", bytes: run(new Date("2026-03-01T22:30:00Z"), 9 * HOUR_S) }]),
    });
    expect((await expectBody(res, importResponseSchema)).summary.imported).toBe(1);
    const page = await s.newPage({ timezoneId: "Europe/London", locale: "en-GB" });
    await page.goto(`${s.server.url}/#/runs`);
    const row = page.getByTestId("run-row").first();
    await row.waitFor();
    expect(await row.textContent()).toContain("07:30");
    expect(await row.textContent()).not.toContain("22:30");
    await page.goto(`${s.server.url}/#/runs/1`);
    await page.getByText(/Started 07:30/).waitFor();
    expect(await page.locator("main").textContent()).not.toContain("22:30");
    await page.context().close();
  });

  it("takes today from the server (the runner's zone), not from a browser a day behind", async () => {
    // The latest run was in UTC+14, an hour ago; the browser is in UTC−11: their dates are 1–2 days apart.
    const start = new Date(Date.now() - HOUR_S * 1000);
    const res = await fetch(`${s.server.url}/api/activities`, {
      method: "POST",
      body: filesForm([{ name: "kiritimati.fit", bytes: run(start, 14 * HOUR_S) }]),
    });
    expect((await expectBody(res, importResponseSchema)).summary.imported).toBe(1);
    const { today } = await getBody(`${s.server.url}/api/settings`, settingsSchema);
    expect(today).toBe(new Date(Date.now() + 14 * HOUR_S * 1000).toISOString().slice(0, 10));
    const page = await s.newPage({ timezoneId: "Pacific/Pago_Pago", locale: "en-GB" });
    await page.goto(`${s.server.url}/#/pain`);
    const date = page.getByTestId("pain-date");
    await date.waitFor();
    expect(await browserDate(page)).not.toBe(today);
    expect(await date.inputValue()).toBe(today);
    expect(await date.getAttribute("max")).toBe(today);
    expect(await page.getByTestId("pain-none").textContent()).toBe("No pain today");

    // The run of an hour ago is on the runner's today, a day after the browser's: still asked about.
    await page.goto(`${s.server.url}/#/runs/2`);
    await page.getByTestId("hip-prompt").waitFor();

    await page.goto(`${s.server.url}/#/settings`);
    const since = page.getByTestId("diary-since");
    await since.waitFor();
    expect(await since.getAttribute("max")).toBe(today);
    expect(await since.inputValue()).toBe(today);
    await page.getByTestId("diary-pain_days").check();
    await page.getByTestId("diary-save").click();
    await page.getByText("Saved.").waitFor();
    expect((await getBody(`${s.server.url}/api/settings`, settingsSchema)).painDiary.since).toBe(today);
    await expectBody(
      await fetch(`${s.server.url}/api/settings`, sendJson("PUT", { painDiary: { mode: "every_day" } })),
      settingsSchema,
    );
    await page.context().close();
  });

  it("asks for the settings beside the page's data, and draws in miles only", async () => {
    await expectBody(
      await fetch(`${s.server.url}/api/settings`, sendJson("PUT", { units: "mi" })),
      settingsSchema,
    );
    const page = await s.newPage({ locale: "en-GB" });
    const events: string[] = [];
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path === "/api/runs" || path.startsWith("/api/activities")) events.push(`asked ${path}`);
    });
    // The settings answer slowly: the runs must already have been asked for when it comes.
    await page.route("**/api/settings", async (route) => {
      events.push("settings asked");
      await new Promise((resolve) => setTimeout(resolve, 400));
      events.push("settings answered");
      await route.continue();
    });
    let sawKm = false;
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/activities")) {
        // Once the runs have arrived, and until the settings have, the table must not be drawn in km.
        void page
          .locator("main")
          .textContent()
          .then((text) => (sawKm ||= /\bkm\b/.test(text ?? "")))
          .catch(() => undefined);
      }
    });
    await page.goto(`${s.server.url}/#/runs`);
    await page.getByTestId("run-row").first().waitFor();
    const asked = events.findIndex((e) => e.startsWith("asked /api/activities"));
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(asked).toBeLessThan(events.indexOf("settings answered"));
    expect(sawKm).toBe(false);
    expect(await page.locator("main").textContent()).toMatch(/\bmi\b/);
    expect(await page.locator("main").textContent()).not.toMatch(/\bkm\b/);
    await page.context().close();
  });
  it("dates a run whose file records no time zone in its nearest run's, and says so on its page", async () => {
    // 20:00 UTC on 3 March, two days after the Tokyo run: 05:00 on 4 March in Tokyo's UTC+9.
    const bytes = encodeActivity({
      start: new Date("2026-03-03T20:00:00Z"),
      durationS: 1800,
      device: { manufacturer: "garmin", serialNumber: 3_900_000_002 },
      samples: { speedMps: () => 3, cadenceSpm: () => 172, heartRateBpm: () => 140 },
    });
    // Uploaded before a Tokyo run two days later: the order files come in does not matter.
    const tokyo = run(new Date("2026-03-05T22:30:00Z"), 9 * HOUR_S);
    const res = await fetch(`${s.server.url}/api/activities`, {
      method: "POST",
      body: filesForm([
        { name: "no-zone.fit", bytes },
        { name: "tokyo-2.fit", bytes: tokyo },
      ]),
    });
    const [noZone, zoned] = (await expectBody(res, importResponseSchema)).results;
    const page = await s.newPage({ timezoneId: "Europe/London", locale: "en-GB" });
    await page.goto(`${s.server.url}/#/runs/${noZone?.activityIds[0]}`);
    const note = page.getByTestId("time-zone-note");
    await note.waitFor();
    expect(await note.textContent()).toMatch(
      /did not record a time zone.*UTC\+9, the zone of your nearest run/,
    );
    const main = await page.locator("main").textContent();
    expect(main).toMatch(/Run on \D*4 Mar/);
    expect(main).toContain("Started 05:00");
    await page.goto(`${s.server.url}/#/runs/${zoned?.activityIds[0]}`);
    await page.getByText(/Started 07:30/).waitFor();
    expect(await page.getByTestId("time-zone-note").count()).toBe(0);
    await page.context().close();
  });
  it("says a recent run's time zone was assumed while it asks about the hip after it", async () => {
    const bytes = encodeActivity({
      start: new Date(Date.now() - 2 * HOUR_S * 1000),
      durationS: 1800,
      device: { manufacturer: "garmin", serialNumber: 3_900_000_003 },
      samples: { speedMps: () => 3, cadenceSpm: () => 172, heartRateBpm: () => 140 },
    });
    const res = await fetch(`${s.server.url}/api/activities`, {
      method: "POST",
      body: filesForm([{ name: "recent-no-zone.fit", bytes }]),
    });
    const [stored] = (await expectBody(res, importResponseSchema)).results;
    const page = await s.newPage({ timezoneId: "Europe/London", locale: "en-GB" });
    await page.goto(`${s.server.url}/#/runs/${stored?.activityIds[0]}`);
    await page.getByTestId("hip-prompt").waitFor();
    expect(await page.getByTestId("time-zone-note").textContent()).toMatch(/did not record a time zone/);
    await page.context().close();
  });
});
