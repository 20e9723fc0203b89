import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { statSync } from "node:fs";
import { join } from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";
import { filesForm, startTestApp, type TestApp } from "../support/app.ts";
import { tempDir } from "../app/fixtures.ts";
import { IntervalsStandIn } from "./intervals-stand-in.ts";
import { dailyRuns, smallRun } from "./helpers.ts";
import {
  importResponseSchema,
  intervalsConnectionSchema,
  intervalsSyncResultSchema,
  overviewViewSchema,
  syncStatusViewSchema,
} from "../../server/api/index.ts";
import { expectBody, expectError, getBody, parseJson, sendJson } from "../support/api.ts";

const KEY = "routes-stand-in-key-5";
let tmp: ReturnType<typeof tempDir>;
let standIn: IntervalsStandIn;
let app: TestApp;

beforeEach(async () => {
  tmp = tempDir("stridewise-sync-routes-");
  standIn = new IntervalsStandIn("i55", KEY);
  const intervalsUrl = await standIn.start();
  app = await startTestApp({ dataDir: tmp.path, intervalsUrl });
});
afterEach(async () => {
  await app.close();
  await standIn.stop();
  tmp.remove();
});

const json = (method: string, body?: unknown): RequestInit => sendJson(method, body ?? {});

describe("/api/sync", () => {
  it("connects, never answers with the key, syncs on demand and shows what came in", async () => {
    standIn.add(...dailyRuns(3, new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 10)));
    const put = await fetch(`${app.url}/api/sync/intervals`, json("PUT", { athleteId: "55", apiKey: KEY }));
    expect(put.status).toBe(200);
    const putText = await put.text();
    expect(parseJson(putText, intervalsConnectionSchema)).toEqual({ connected: true, athleteId: "i55" });
    expect(statSync(join(tmp.path, "intervals.json")).mode & 0o777).toBe(0o600);

    const run = await fetch(`${app.url}/api/sync/intervals/run`, json("POST"));
    expect((await expectBody(run, intervalsSyncResultSchema)).summary.imported).toBe(3);

    const statusText = await (await fetch(`${app.url}/api/sync/status`)).text();
    expect(putText + statusText).not.toContain(KEY);
    const status = parseJson(statusText, syncStatusViewSchema);
    expect(status.intervals).toEqual({ connected: true, athleteId: "i55" });
    expect(status.runs[0]).toMatchObject({ source: "intervals", status: "ok", imported: 3, downloaded: 3 });

    const overview = await getBody(`${app.url}/api/overview`, overviewViewSchema);
    expect(overview.runs).toBe(3);

    const del = await fetch(`${app.url}/api/sync/intervals`, { method: "DELETE" });
    expect(await expectBody(del, intervalsConnectionSchema)).toEqual({ connected: false, athleteId: null });
  });

  it("answers a refused key with its sentence, and a sync of a revoked key shows up as failed", async () => {
    const bad = await fetch(
      `${app.url}/api/sync/intervals`,
      json("PUT", { athleteId: "i55", apiKey: "nope-nope-1" }),
    );
    expect((await expectError(bad, 400)).code).toBe("intervals-key-refused");

    const put = await fetch(`${app.url}/api/sync/intervals`, json("PUT", { athleteId: "i55", apiKey: KEY }));
    expect(await expectBody(put, intervalsConnectionSchema)).toEqual({ connected: true, athleteId: "i55" });
    standIn.revoke();
    const run = await fetch(`${app.url}/api/sync/intervals/run`, json("POST"));
    expect((await expectError(run, 400)).message).toMatch(/refused the API key/);
    const status = await getBody(`${app.url}/api/sync/status`, syncStatusViewSchema);
    expect(status.runs[0]).toMatchObject({ status: "failed" });
    expect(status.runs[0]?.message).toMatch(/refused the API key/);
  });

  it("serves the next-run workout as a FIT download, and refuses without runs", async () => {
    const empty = await fetch(`${app.url}/api/sync/workouts/next-run.fit`);
    expect((await expectError(empty, 409)).message).toMatch(/run/i);
    const day = Date.now() - 3 * 86_400_000;
    const upload = await fetch(`${app.url}/api/activities`, {
      method: "POST",
      body: filesForm([{ name: "a.fit", bytes: smallRun(new Date(day), { durationS: 1800 }) }]),
    });
    expect((await expectBody(upload, importResponseSchema)).summary.imported).toBe(1);
    const res = await fetch(`${app.url}/api/sync/workouts/next-run.fit`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="?SW_RUN_\d{8}\.fit"?/);
    const decoded = new Decoder(Stream.fromByteArray(new Uint8Array(await res.arrayBuffer()))).read();
    expect(decoded.errors).toEqual([]);
    const step = decoded.messages.workoutStepMesgs?.[0] as Record<string, unknown>;
    // 30 min at 3 m/s is 5.4 km: the ceiling is 5.94 km, written rounded down to 5.9 km.
    expect(step["durationType"]).toBe("distance");
    expect(step["durationDistance"]).toBe(5900);
  });
});
