import { chromium, type Browser } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe } from "vitest";
import { CHROMIUM, REQUIRE_ALL, hasChromium } from "./environment.ts";
import { childPids, trackNewChildren } from "./processes.ts";
import { ROOT } from "./server.ts";

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
