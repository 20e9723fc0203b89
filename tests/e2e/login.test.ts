import { expect, it } from "vitest";
import { artifactPath, browserSuite } from "../support/browser.ts";
import { startServer } from "../support/server.ts";

// The password flow in a real browser: the redirect, the script-free form under the CSP, the SameSite=Strict
// cookie surviving the redirect after the POST, the dashboard behind it, and logging out.

const withPassword = (): ReturnType<typeof startServer> =>
  startServer([], { STRIDEWISE_PASSWORD: "correct horse battery" });

browserSuite(
  "logging in with STRIDEWISE_PASSWORD in a real browser",
  { start: withPassword, page: { viewport: { width: 1000, height: 800 } } },
  (s) => {
    it("sends a visitor to the login page, and a wrong password stays there", async () => {
      await s.page.goto(s.server.url);
      expect(new URL(s.page.url()).pathname).toBe("/login");
      await s.page.locator("#password").fill("wrong");
      await s.page.locator('button[type="submit"]').click();
      await s.page.getByRole("alert").waitFor();
      expect(await s.page.getByRole("alert").textContent()).toMatch(/not right/);
      await s.page.screenshot({ path: artifactPath("login.png") });
    });

    it("logs in to the dashboard, whose API calls carry the session", async () => {
      await s.page.locator("#password").fill("correct horse battery");
      await s.page.locator('button[type="submit"]').click();
      await s.page.getByTestId("empty-state").waitFor();
      expect(new URL(s.page.url()).pathname).toBe("/");
      const cookies = await s.page.context().cookies();
      expect(cookies.find((c) => c.name === "stridewise_session")).toMatchObject({
        httpOnly: true,
        sameSite: "Strict",
      });
      // The cookie is not readable from script.
      expect(await s.page.evaluate(() => document.cookie)).toBe("");
    });

    it("logs out, after which the dashboard asks for the password again", async () => {
      await s.page.goto(`${s.server.url}/logout`);
      await s.page.locator('button[type="submit"]').click();
      await s.page.waitForURL(/\/login$/);
      await s.page.goto(s.server.url);
      expect(new URL(s.page.url()).pathname).toBe("/login");
    });
  },
);
