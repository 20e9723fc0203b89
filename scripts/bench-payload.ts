// Response sizes of every dashboard endpoint over a generated ten-year history, raw and as sent (gzip).
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { loadDemo } from "../server/app/demo.ts";
import { openDb } from "../server/db/open.ts";
import { createApp } from "../server/http/app.ts";

interface Measured {
  path: string;
  status: number;
  rawBytes: number;
  sentBytes: number;
  encoding: string;
  ms: number;
  /** The first read: builds the analysis snapshot or a cache (records) when it is the first to need it. */
  coldMs: number;
}

function get(
  base: string,
  path: string,
  gzip: boolean,
): Promise<{ status: number; bytes: number; encoding: string; ms: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: gzip ? { "accept-encoding": "gzip" } : {} }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          encoding: String(res.headers["content-encoding"] ?? "identity"),
          ms: performance.now() - t,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** Builds the history, serves it, and measures each path: raw, then gzip as a browser asks for it. */
export async function measurePayloads(opts: { root: string; dbFile: string; weeks: number }): Promise<{
  runs: number;
  importS: number;
  rows: Measured[];
}> {
  const db = openDb(opts.dbFile);
  const now = new Date("2026-11-25T18:00:00Z");
  const t = performance.now();
  const report = await loadDemo(db, { now, weeks: opts.weeks, sampleIntervalS: 10 });
  const importS = (performance.now() - t) / 1000;
  const app = createApp({
    db,
    webDir: join(opts.root, "dist/web"),
    dataDir: "/nonexistent",
    version: "bench",
    now: () => now,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const firstId = report.results.find((r) => r.activityIds.length)?.activityIds[0] ?? 1;
  const loadAll = (await (await fetch(`${base}/api/load`)).json()) as { range: { earliest: string } };
  const paths = [
    "/",
    "/app.js",
    "/styles.css",
    "/api/overview",
    "/api/activities?runsOnly=true",
    "/api/activities?runsOnly=true&pageSize=500",
    "/api/load",
    `/api/load?from=${loadAll.range.earliest}`,
    "/api/cadence",
    "/api/insights",
    "/api/pain",
    "/api/records",
    "/api/calendar",
    `/api/activities/${firstId}`,
    `/api/activities/${firstId}/route`,
    "/api/shoes",
  ];
  const rows: Measured[] = [];
  for (const path of paths) {
    const cold = await get(base, path, true);
    const raw = await get(base, path, false);
    const sent = await get(base, path, true);
    rows.push({
      path,
      status: sent.status,
      rawBytes: raw.bytes,
      sentBytes: sent.bytes,
      encoding: sent.encoding,
      ms: sent.ms,
      coldMs: cold.ms,
    });
  }
  await new Promise((resolve) => server.close(resolve));
  db.close();
  return { runs: report.summary.imported, importS, rows };
}
