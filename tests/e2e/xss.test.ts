import { expect, it } from "vitest";
import { Encoder, Profile } from "@garmin/fitsdk";
import type { Encodable, Mesg } from "@garmin/fitsdk";
import { parseFit } from "../../fit-parser/index.ts";
import { artifactPath, browserSuite } from "../support/browser.ts";
import { readCorpusFile } from "../support/corpus.ts";
import { expectBody, sendJson } from "../support/api.ts";
import { painEntrySchema } from "../../server/api/index.ts";

// Strings that come from files (device product name, developer field names, the file's own name) and from users
// (pain notes) reach the dashboard: each must show as text and nothing may run. The CSP is checked on every page.

const PAYLOAD = "<img src=x onerror=window.__xss=1>";

/** A short run whose device_info product_name and developer field name/units are the payload. */
function hostileFit(): Uint8Array {
  const devId = { developerDataIndex: 0, applicationId: Array(16).fill(7), applicationVersion: 1 };
  const fieldDesc = {
    developerDataIndex: 0,
    fieldDefinitionNumber: 0,
    fitBaseTypeId: 2,
    fieldName: PAYLOAD,
    units: PAYLOAD,
    nativeMesgNum: Profile.MesgNum.RECORD as number,
  };
  const enc = new Encoder({
    fieldDescriptions: { 0: { developerDataIdMesg: devId, fieldDescriptionMesg: fieldDesc } },
  });
  const write = (mesg: Record<string, unknown>): void => {
    enc.writeMesg(mesg as unknown as Encodable<Mesg>);
  };
  const start = Date.parse("2025-06-01T07:00:00Z");
  const durationS = 600;
  const speed = 3;
  write({
    mesgNum: Profile.MesgNum.FILE_ID,
    type: "activity",
    manufacturer: "development",
    product: 0,
    serialNumber: 1234,
    timeCreated: new Date(start),
    productName: PAYLOAD,
  });
  write({
    mesgNum: Profile.MesgNum.DEVICE_INFO,
    timestamp: new Date(start),
    deviceIndex: "creator",
    manufacturer: "development",
    productName: PAYLOAD,
    descriptor: PAYLOAD,
  });
  write({ mesgNum: Profile.MesgNum.DEVELOPER_DATA_ID, ...devId });
  write({ mesgNum: Profile.MesgNum.FIELD_DESCRIPTION, ...fieldDesc });
  write({ mesgNum: Profile.MesgNum.EVENT, timestamp: new Date(start), event: "timer", eventType: "start" });
  for (let t = 0; t <= durationS; t++) {
    write({
      mesgNum: Profile.MesgNum.RECORD,
      timestamp: new Date(start + t * 1000),
      distance: t * speed,
      enhancedSpeed: speed,
      heartRate: 140,
      cadence: 85,
      fractionalCadence: 0,
      developerFields: { 0: t % 200 },
    });
  }
  const end = new Date(start + durationS * 1000);
  const totals = {
    timestamp: end,
    startTime: new Date(start),
    totalElapsedTime: durationS,
    totalTimerTime: durationS,
    totalDistance: durationS * speed,
    avgSpeed: speed,
    enhancedAvgSpeed: speed,
    avgCadence: 85,
    sport: "running",
  };
  write({ mesgNum: Profile.MesgNum.LAP, ...totals, event: "lap", eventType: "stop" });
  write({
    mesgNum: Profile.MesgNum.SESSION,
    ...totals,
    subSport: "generic",
    event: "session",
    eventType: "stop",
  });
  write({ mesgNum: Profile.MesgNum.ACTIVITY, timestamp: end, numSessions: 1, type: "manual" });
  return enc.close();
}

// The last test injects markup on purpose to see the CSP block it: the suite's own no-violation check would fail.
const suiteOptions = { page: { viewport: { width: 1280, height: 900 } }, checkErrors: false };

browserSuite("hostile strings in the dashboard", suiteOptions, (s) => {
  const xssRan = (): Promise<unknown> =>
    s.page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
  const injectedImages = (): Promise<number> =>
    s.page.evaluate(() => document.querySelectorAll('img[src="x"]').length);

  it("encodes a FIT file that the parser reads as a normal run", () => {
    const parsed = parseFit(hostileFit());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.activities[0]?.sport).toBe("running");
  });

  it("shows a hostile file name from an upload as text", async () => {
    await s.page.goto(`${s.server.url}/#/import`);
    await s.page.getByTestId("import-input").setInputFiles([
      { name: `${PAYLOAD}.fit`, mimeType: "application/octet-stream", buffer: Buffer.from(hostileFit()) },
      {
        name: "portland.fit",
        mimeType: "application/octet-stream",
        buffer: Buffer.from(readCorpusFile("elevate__portland.fit")),
      },
    ]);
    await s.page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
    const results = await s.page.getByTestId("import-result").allTextContents();
    expect(results.join("\n")).toContain(PAYLOAD);
    expect(await xssRan()).toBeUndefined();
    expect(await injectedImages()).toBe(0);
  });

  it("shows the hostile run in the list and its detail page without running anything", async () => {
    await s.page.goto(`${s.server.url}/#/runs`);
    await s.page.getByTestId("run-row").first().waitFor();
    expect(await s.page.getByTestId("run-row").count()).toBe(2);
    const row = s.page.getByTestId("run-row").filter({ hasText: "2025" });
    await row.locator("a").first().click();
    await s.page.getByTestId("run-stats").waitFor();
    await s.page.screenshot({ path: artifactPath("xss-run.png"), fullPage: true });
    expect(await xssRan()).toBeUndefined();
    expect(await injectedImages()).toBe(0);
  });

  it("shows a hostile pain note as text", async () => {
    const entry = { date: "2025-06-02", severity: 3, location: "lateral", note: PAYLOAD };
    const res = await fetch(`${s.server.url}/api/pain`, sendJson("POST", entry));
    expect((await expectBody(res, painEntrySchema, 201)).note).toBe(PAYLOAD);
    await s.page.goto(`${s.server.url}/#/pain`);
    await s.page.getByTestId("pain-entry").first().waitFor();
    expect(await s.page.getByTestId("pain-list").textContent()).toContain(PAYLOAD);
    expect(await xssRan()).toBeUndefined();
    expect(await injectedImages()).toBe(0);
  });

  it("renders every page under the CSP with no violation and no page error", async () => {
    for (const route of ["", "runs", "cadence", "load", "pain", "insights", "tips", "import", "settings"]) {
      await s.page.goto(`${s.server.url}/#/${route}`);
      await s.page.waitForLoadState("networkidle");
      await s.page.waitForTimeout(300);
    }
    expect(s.cspReports).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(await xssRan()).toBeUndefined();
  });

  it("blocks an inline handler even if markup were injected (the CSP as a second wall, and the check works)", async () => {
    await s.page.evaluate((html) => document.body.insertAdjacentHTML("beforeend", html), PAYLOAD);
    await s.page.waitForTimeout(500);
    expect(await xssRan()).toBeUndefined();
    expect(s.cspReports.join("\n")).toMatch(/script-src/);
  });
});
