import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { artifactPath, describeBrowser, launchBrowser } from "../support/browser.ts";
import { startServer, type RunningServer } from "../support/server.ts";

// The password flow in a real browser: the redirect, the script-free form under the CSP, the SameSite=Strict
// cookie surviving the redirect after the POST, the dashboard behind it, and logging out.

describeBrowser("logging in with STRIDEWISE_PASSWORD in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const cspReports: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer([], { STRIDEWISE_PASSWORD: "correct horse battery" }),
      launchBrowser(),
    ]);
    page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspReports.push(msg.text());
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sends a visitor to the login page, and a wrong password stays there", async () => {
    await page.goto(server.url);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.locator("#password").fill("wrong");
    await page.locator('button[type="submit"]').click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/not right/);
    await page.screenshot({ path: artifactPath("login.png") });
  });

  it("logs in to the dashboard, whose API calls carry the session", async () => {
    await page.locator("#password").fill("correct horse battery");
    await page.locator('button[type="submit"]').click();
    await page.getByTestId("empty-state").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "stridewise_session")).toMatchObject({
      httpOnly: true,
      sameSite: "Strict",
    });
    // The cookie is not readable from script.
    expect(await page.evaluate(() => document.cookie)).toBe("");
  });

  it("logs out, after which the dashboard asks for the password again", async () => {
    await page.goto(`${server.url}/logout`);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/login$/);
    await page.goto(server.url);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(cspReports).toEqual([]);
  });
});
