/* global document, location, window, fetch */
// `node scripts/bench-pages.mjs DATA_DIR [--pages /pain,/records] [--records-cold]`: each dashboard page loaded
// fresh in headless Chromium at 1280x800 against `stridewise serve --data DATA_DIR`, timed from navigation to every
// chart drawn (no "Loading…", every canvas in the page inked): a cold load in a fresh browser context (best and
// worst of 3, with the bytes it moved as sent) and a move to the page from another inside the app (best of 3).
// --records-cold first times the Records page's first visit on a fresh server whose best-efforts cache is empty
// (on a copy of the database in a temp folder; DATA_DIR is not changed). A script that prints figures.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { chromium } from "playwright-core";
import { root } from "./script-util.mjs";

const data = process.argv[2];
if (!data || data.startsWith("--"))
  throw new Error("usage: bench-pages.mjs DATA_DIR [--pages P,Q] [--records-cold]");
const LOADS = 3;
const pagesArg = process.argv.indexOf("--pages");
const onlyPages = pagesArg > 0 ? (process.argv[pagesArg + 1] ?? "").split(",").filter(Boolean) : null;
const recordsCold = process.argv.includes("--records-cold");

function serve(data) {
  const child = spawn(
    process.execPath,
    [join(root, "bin/stridewise.js"), "serve", "--port", "0", "--data", data],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = /running at (http:\/\/\S+?) /.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** True once the page has rendered: no loading line, and every canvas has something drawn on it. */
function drawn() {
  if (document.querySelector("main .loading")) return false;
  if (!document.querySelector("main h1")) return false;
  for (const c of document.querySelectorAll("main canvas")) {
    if (c.width === 0) return false;
    const d = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
    if (!d) return false;
    let ink = false;
    for (let i = 3; i < d.length; i += 64)
      if (d[i] > 0) {
        ink = true;
        break;
      }
    if (!ink) return false;
  }
  return true;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");

/** The Records page's first visit on a fresh server with an empty best-efforts cache: first draw and complete. */
async function recordsFirstVisit() {
  const dir = mkdtempSync(join(tmpdir(), "bench-pages-records-"));
  try {
    for (const suffix of ["", "-wal", "-shm"]) {
      const from = join(data, `stridewise.db${suffix}`);
      if (existsSync(from)) copyFileSync(from, join(dir, `stridewise.db${suffix}`));
    }
    const db = new Database(join(dir, "stridewise.db"));
    db.exec("DELETE FROM best_efforts");
    db.close();
    const fresh = await serve(dir);
    try {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await ctx.addInitScript({ content: `window.__drawn = ${drawn.toString()};` });
      const page = await ctx.newPage();
      const t = performance.now();
      await page.goto(`${fresh.url}/#/records`);
      await page.waitForFunction(() => window.__drawn(), null, { polling: 16, timeout: 60_000 });
      const first = performance.now() - t;
      const pending = await page
        .locator("[data-testid=records-pending]")
        .textContent({ timeout: 1 })
        .catch(() => null);
      await page.waitForFunction(() => !document.querySelector("[data-testid=records-pending]"), null, {
        polling: 50,
        timeout: 120_000,
      });
      const complete = performance.now() - t;
      console.log(
        `Records, first visit on an empty cache (load ${load()}): drawn in ${first.toFixed(0)} ms${pending ? ` (${pending.trim()})` : ""}, every run read in ${complete.toFixed(0)} ms`,
      );
      await ctx.close();
    } finally {
      fresh.child.kill("SIGTERM");
      await new Promise((resolve) => fresh.child.once("exit", resolve));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (recordsCold) await recordsFirstVisit();
const { url, child } = await serve(data);
const runs = await (await fetch(`${url}/api/activities?pageSize=1&runsOnly=true`)).json();
const runId = runs.items[0]?.id;
const allPages = [
  "/",
  "/runs",
  `/runs/${runId}`,
  "/cadence",
  "/load",
  "/pain",
  "/insights",
  "/tips",
  "/tips/all",
  "/settings",
  "/calendar",
  "/records",
  "/shoes",
  "/runs?flags=overstriding&min=5",
  "/runs?flag=overstriding",
  "/runs?flag=spike",
];
const pages = onlyPages ?? allPages;
console.log(`load average at start: ${load()}`);
console.log(
  `| page | canvases | cold load, drawn (best of ${LOADS}) | worst | in-app move, drawn (best of ${LOADS}) | bytes sent | largest response, as sent |`,
);
console.log("|---|---:|---:|---:|---:|---:|---|");
try {
  for (const path of pages) {
    const times = [];
    const moves = [];
    let canvases = 0;
    let bytes = 0;
    let largest = { size: 0, url: "" };
    for (let i = 0; i < LOADS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await ctx.addInitScript({ content: `window.__drawn = ${drawn.toString()};` });
      const page = await ctx.newPage();
      const sizes = [];
      // Bytes as sent (compressed where the server compressed), the figure the 300 KB budget is about.
      page.on("requestfinished", async (req) => {
        const sent = await req.sizes().catch(() => null);
        sizes.push({ size: sent?.responseBodySize ?? 0, url: req.url().replace(url, "") });
      });
      const t = performance.now();
      await page.goto(`${url}/#${path}`);
      await page.waitForFunction(() => window.__drawn(), null, { polling: 16, timeout: 30_000 });
      times.push(performance.now() - t);
      canvases = await page.locator("main canvas").count();
      await page.waitForLoadState("networkidle");
      bytes = sizes.reduce((s, r) => s + r.size, 0);
      largest = sizes.reduce((m, r) => (r.size > m.size ? r : m), { size: 0, url: "" });
      // In the app: from the import page (no data to draw) to this one, as a runner clicks through.
      await page.goto(`${url}/#/import`);
      await page.waitForFunction(() => window.__drawn());
      // The import page's heading is marked: the move is done when a new heading stands and everything is drawn.
      await page.evaluate(() => document.querySelector("main h1")?.setAttribute("data-before", ""));
      const m = performance.now();
      await page.evaluate((p) => (location.hash = `#${p}`), path);
      await page.waitForFunction(
        () => !document.querySelector("main h1[data-before]") && window.__drawn(),
        null,
        {
          polling: 16,
          timeout: 30_000,
        },
      );
      moves.push(performance.now() - m);
      await ctx.close();
    }
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(
      `| ${path} | ${canvases} | ${Math.min(...times).toFixed(0)} ms | ${Math.max(...times).toFixed(0)} ms | ${Math.min(...moves).toFixed(0)} ms | ${kb(bytes)} | ${largest.url} ${kb(largest.size)} |`,
    );
  }
  console.log(`load average at end: ${load()}`);
} finally {
  await browser.close();
  child.kill("SIGTERM");
}
