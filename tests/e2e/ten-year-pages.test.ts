import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDataDir } from "../../server/db/open.ts";
import { createPainRepo } from "../../server/db/pain-repo.ts";
import { activityPageSchema } from "../../server/api/index.ts";
import { getBody } from "../support/api.ts";
import { browserSuite } from "../support/browser.ts";
import { track } from "../support/processes.ts";
import { CLI, ROOT, startServer, type RunningServer } from "../support/server.ts";
import { writeTenYearHistory } from "./ten-year-history.ts";

// Issue 18's "Done when": a ten-year history (2,080 runs, ~1,900 pain entries) renders every page with every chart
// drawn in under 1 s, and no response is over 300 KB as sent. The runs are a few SDK-encoded templates at 5 s
// recording, moved to their dates: every list, timeline and chart holds ten years, each run's samples are lighter
// than a watch's 1 s (scripts/bench-pages.mjs times the 1 s history).

/** The budget per page. Timed in a fresh browser context, best of up to 3 loads: one slow load under a busy
 * machine is noise, three in a row is the page. */
const PAGE_BUDGET_MS = 1000;
/** The margin on a machine oversubscribed more than 4 times over (1-minute load average per core): 25%. */
const OVERLOADED_MARGIN = 1.25;

/** The budget now, and the load it was set under (for the failure message). */
function budget(): { ms: number; load: string } {
  const perCore = (loadavg()[0] ?? 0) / Math.max(1, cpus().length);
  return { ms: perCore > 4 ? PAGE_BUDGET_MS * OVERLOADED_MARGIN : PAGE_BUDGET_MS, load: perCore.toFixed(1) };
}
const ATTEMPTS = 3;
const RESPONSE_BUDGET_BYTES = 300 * 1024;

/** Every page of the dashboard, with the least number of charts it must draw at ten years. */
const ROUTES: [path: string, canvases: number][] = [
  ["/", 0],
  ["/runs", 0],
  ["/runs/LATEST", 5],
  ["/cadence", 4],
  ["/load", 2],
  ["/pain", 1],
  ["/insights", 0],
  ["/tips", 0],
  ["/tips/all", 0],
  ["/settings", 0],
  ["/calendar", 0],
  ["/shoes", 0],
  ["/runs?flags=overstriding&min=5", 0],
  ["/runs?flag=overstriding", 0],
  ["/runs?flag=spike", 0],
];

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** The pages with the most to draw, again at a phone's size (narrower charts, the pain timeline's 6 weeks). */
const PHONE_ROUTES = ROUTES.filter(([path]) => ["/runs/LATEST", "/cadence", "/load", "/pain"].includes(path));

/** In the page: no loading line, a heading, and every canvas has ink on it. */
function drawn(): boolean {
  if (document.querySelector("main .loading")) return false;
  if (!document.querySelector("main h1")) return false;
  for (const c of document.querySelectorAll("main canvas")) {
    if (!(c instanceof HTMLCanvasElement) || c.width === 0) return false;
    const d = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
    if (!d) return false;
    let ink = false;
    for (let i = 3; i < d.length && !ink; i += 64) ink = (d[i] ?? 0) > 0;
    if (!ink) return false;
  }
  return true;
}

function importFolder(folder: string, dataDir: string): Promise<string> {
  const child = track(
    spawn(process.execPath, [CLI, "import", folder, "--data", dataDir], { cwd: ROOT, stdio: "pipe" }),
  );
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`import exited ${code}:\n${out}`)),
    );
  });
}

/** Writes the history, imports it with the CLI, logs its pain, and starts the real server on it. */
async function serveTenYears(dir: string): Promise<RunningServer> {
  const dataDir = join(dir, "data");
  // A week back, so the newest run is past the run page's "how is your hip?" question and its charts show.
  const lastDay = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const history = writeTenYearHistory(join(dir, "fit"), lastDay);
  expect(history.runs).toBe(2080);
  await importFolder(join(dir, "fit"), dataDir);
  const db = openDataDir(dataDir);
  try {
    const pain = createPainRepo(db);
    db.transaction(() => {
      for (const { input, loggedAt } of history.pain) pain.upsert(input, loggedAt);
    });
  } finally {
    db.close();
  }
  // The last --data wins: the server opens the history, not the empty folder startServer makes.
  return startServer(["--data", dataDir]);
}

const dir = mkdtempSync(join(tmpdir(), "stridewise-ten-years-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

browserSuite(
  "a ten-year history in a real browser (issue 18)",
  { start: () => serveTenYears(dir), startTimeoutMs: 120_000 },
  (s) => {
    let latestRun = 0;
    const responses: { url: string; bytes: number }[] = [];

    beforeAll(async () => {
      // Untimed: the browser's first page and the server's first analysis of the history (once per start).
      await s.page.goto(`${s.server.url}/#/`);
      await s.page.waitForFunction(drawn, null, { polling: 16, timeout: 60_000 });
    }, 60_000);

    /**
     * Loads a page in a fresh context until it is drawn, timed by the page's own clock from navigation start (so the
     * test process's own delays under load are not counted), and records every response's bytes as sent.
     */
    async function timedLoad(path: string, viewport = DESKTOP): Promise<{ ms: number; canvases: number }> {
      const page: Page = await s.newPage({ viewport });
      await page.context().addInitScript({ content: `window.__drawn = ${drawn.toString()};` });
      page.on("requestfinished", (req) => {
        void req.sizes().then(
          (sizes) =>
            responses.push({ url: req.url().replace(s.server.url, ""), bytes: sizes.responseBodySize }),
          () => undefined,
        );
      });
      try {
        await page.goto(`${s.server.url}/#${path}`);
        const drawnAt = await page.waitForFunction(
          () => ((window as unknown as { __drawn: () => boolean }).__drawn() ? performance.now() : 0),
          null,
          { polling: 16, timeout: 30_000 },
        );
        const ms = (await drawnAt.jsonValue()) as number;
        const canvases = await page.locator("main canvas").count();
        await page.waitForLoadState("networkidle");
        return { ms, canvases };
      } finally {
        await page.context().close();
      }
    }

    /** Best of up to ATTEMPTS loads, stopping at the first in budget, is in budget; returns the canvases drawn. */
    async function expectDrawnInBudget(path: string, viewport = DESKTOP): Promise<number> {
      const times: number[] = [];
      let canvases = 0;
      let limit = budget();
      for (let i = 0; i < ATTEMPTS && !times.some((t) => t < limit.ms); i++) {
        limit = budget();
        const load = await timedLoad(path, viewport);
        times.push(load.ms);
        canvases = load.canvases;
      }
      const loads = times.map((t) => t.toFixed(0)).join(", ");
      expect(Math.min(...times), `${path}: ${loads} ms (load ${limit.load} per core)`).toBeLessThan(limit.ms);
      return canvases;
    }

    it("holds ten years: 2,080 runs over 520 weeks", async () => {
      const body = await getBody(
        `${s.server.url}/api/activities?pageSize=1&runsOnly=true`,
        activityPageSchema,
      );
      expect(body.total).toBe(2080);
      latestRun = body.items[0]?.id ?? 0;
      expect(latestRun).toBeGreaterThan(0);
    });

    it("draws Personal records at once on an empty cache, then fills them in from every run", async () => {
      // The import reads no run's fastest stretches and the server's warm-up waits 5 s after start, so the cache is
      // empty or being filled (tests/http/page-data.test.ts pins the empty-cache answer exactly).
      await expectDrawnInBudget("/records");
      const page = await s.newPage();
      await page.goto(`${s.server.url}/#/records`);
      await page.getByTestId("records-table").waitFor({ timeout: 60_000 });
      await page.getByTestId("records-pending").waitFor({ state: "detached", timeout: 60_000 });
      const keys = await page
        .getByTestId("record")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key")));
      expect(keys).toEqual(["1k", "5k", "10k", "half", "longest"]);
      await page.context().close();
    }, 90_000);

    it.each(ROUTES)("draws %s with its charts in under 1 s", async (route, minCanvases) => {
      const path = route.replace("LATEST", String(latestRun));
      expect(await expectDrawnInBudget(path)).toBeGreaterThanOrEqual(minCanvases);
    });

    it.each(PHONE_ROUTES)("draws %s on a phone in under 1 s", async (route, minCanvases) => {
      const path = route.replace("LATEST", String(latestRun));
      expect(await expectDrawnInBudget(path, PHONE)).toBeGreaterThanOrEqual(minCanvases);
    });

    it("lists the runs behind a flag a page at a time, counted against every run", async () => {
      const { total: flagged } = await getBody(
        `${s.server.url}/api/activities?pageSize=1&runsOnly=true&flags=overstriding`,
        activityPageSchema,
      );
      expect(flagged).toBeGreaterThan(50);
      const page = await s.newPage();
      await page.goto(`${s.server.url}/#/runs?flag=overstriding`);
      await page.getByTestId("run-row").first().waitFor();
      expect(await page.locator("main .page-header .lead").innerText()).toContain(
        `${flagged} of your 2080 runs`,
      );
      expect(await page.getByTestId("run-row").count()).toBe(50);
      await page.locator("a[rel=next]").click();
      await page.waitForFunction(() => location.hash.includes("page=2"));
      await page.locator("main .loading").waitFor({ state: "detached" });
      expect(await page.locator(".pager").innerText()).toContain(`Page 2 of ${Math.ceil(flagged / 50)}`);
      await page.context().close();
    });

    it("draws ten years of runs and pain on the pain timeline's All range", async () => {
      const page = await s.newPage({ viewport: DESKTOP });
      await page.goto(`${s.server.url}/#/pain`);
      await page.waitForFunction(drawn, null, { polling: 16, timeout: 30_000 });
      const started = performance.now();
      await page.locator('[data-range="all"]').click();
      await page.waitForFunction(drawn, null, { polling: 16, timeout: 30_000 });
      expect(performance.now() - started).toBeLessThan(budget().ms);
      expect(await page.locator('[data-range="all"]').getAttribute("aria-pressed")).toBe("true");
      await page.context().close();
    });

    it("sends no response over 300 KB", () => {
      expect(responses.length).toBeGreaterThan(ROUTES.length);
      const largest = responses.reduce((a, r) => (r.bytes > a.bytes ? r : a));
      expect(largest.bytes, `largest: ${largest.url}`).toBeLessThanOrEqual(RESPONSE_BUDGET_BYTES);
      expect(largest.bytes).toBeGreaterThan(0);
    });
  },
);
