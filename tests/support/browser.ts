import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, REQUIRE_ALL, hasChromium } from "./environment.ts";
import { childPids, trackNewChildren } from "./processes.ts";
import { ROOT, startServer, type RunningServer } from "./server.ts";

export { CHROMIUM, hasChromium } from "./environment.ts";

/** A describe block that needs Chromium: skipped without it (the run says so in one line), failed under CI's REQUIRE_ALL. */
export const describeBrowser = describe.runIf(hasChromium || REQUIRE_ALL);

/** Screenshots are test artifacts, kept out of git. */
export const ARTIFACTS_DIR = join(ROOT, "test-artifacts");

/** Launches headless Chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const before = childPids(process.pid);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  // Playwright does not give the browser's PID: it is the child this process gained during the launch.
  trackNewChildren(before);
  return browser;
}

export function artifactPath(name: string): string {
  return join(ARTIFACTS_DIR, name);
}

export interface BrowserSuiteOptions {
  /** Starts the server the suite drives (default: `startServer()` on a fresh data folder); stopped at the end. */
  start?: () => Promise<RunningServer>;
  /** Options for the suite's first page, e.g. `{ viewport: { width: 390, height: 844 } }`. */
  page?: BrowserContextOptions;
  /** Ends the suite with a test that no page had a script error or a CSP violation (default true). */
  checkErrors?: boolean;
  /** How long the server and browser may take to start, in ms. */
  startTimeoutMs?: number;
}

/** What a browser suite's tests use; set before its first test runs. */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught script errors on every page the suite opened. */
  readonly pageErrors: string[];
  /** Content Security Policy violations on every page the suite opened. */
  readonly cspReports: string[];
  /** Another page in a context of its own, watched like the first and closed with the suite. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * `browserSuite("the dashboard", {}, (s) => { it("…", () => s.page.goto(s.server.url)) })`: a describe block with a
 * real server, headless Chromium and a watched page, torn down after; skipped without Chromium, failed under REQUIRE_ALL.
 */
export function browserSuite(
  name: string,
  options: BrowserSuiteOptions,
  body: (suite: BrowserSuite) => void,
): void {
  describeBrowser(name, () => {
    let server: RunningServer | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];
    const cspReports: string[] = [];

    async function newPage(pageOptions: BrowserContextOptions = {}): Promise<Page> {
      if (!browser) throw new Error("the browser has not started");
      const context = await browser.newContext(pageOptions);
      contexts.push(context);
      // A violation is an event in the page, not always a console message: say it on the console too.
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      const opened = await context.newPage();
      opened.on("pageerror", (err) => pageErrors.push(err.message));
      opened.on("console", (msg) => {
        if (/Content Security Policy/i.test(msg.text())) cspReports.push(msg.text());
      });
      return opened;
    }

    // Registered before the body's own hooks: its beforeAll runs after the start, its afterAll before the stop.
    beforeAll(async () => {
      // Both start at once; whichever did start is kept for the teardown when the other fails.
      const [s, b] = await Promise.allSettled([(options.start ?? startServer)(), launchBrowser()]);
      if (s.status === "fulfilled") server = s.value;
      if (b.status === "fulfilled") browser = b.value;
      for (const r of [s, b]) if (r.status === "rejected") throw r.reason;
      page = await newPage(options.page);
    }, options.startTimeoutMs ?? 60_000);
    afterAll(async () => {
      // A context the test closed itself, or one of a crashed browser, is gone already: nothing to close.
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.stop();
    });

    const started = (): never => {
      throw new Error("used before the suite started (or its start failed)");
    };
    body({
      get server() {
        return server ?? started();
      },
      get browser() {
        return browser ?? started();
      },
      get page() {
        return page ?? started();
      },
      pageErrors,
      cspReports,
      newPage,
    });

    if (options.checkErrors ?? true) {
      it("ran without script errors or Content Security Policy violations", () => {
        expect(pageErrors).toEqual([]);
        expect(cspReports).toEqual([]);
      });
    }
  });
}
