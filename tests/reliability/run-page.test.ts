import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ActivityDetail,
  activityDetailSchema,
  importResponseSchema,
  routeViewSchema,
} from "../../server/api/index.ts";
import { expectBody, getBody } from "../support/api.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { oneFileForm, watchHealth } from "./attack.ts";
import { longRun } from "./crafted.ts";

// Opening a stored run near the record cap against the real server (dist/): its original is parsed again, off
// the event loop, so /api/health stays fast while the run page and its route are asked for again and again.

const SAMPLES = 430_000;
const OPENS = 5;

// Two shared cores: a latency check may lose to another test file's burst, so it may run again twice.
describe("opening a five-day run against the real server", { retry: 2 }, () => {
  let server: RunningServer;
  let id: number;
  beforeAll(async () => {
    server = await startServer();
    const form = oneFileForm("ultra.fit", longRun(SAMPLES));
    const res = await fetch(`${server.url}/api/activities`, { method: "POST", body: form });
    const body = await expectBody(res, importResponseSchema);
    expect(body.results[0]?.status).toBe("imported");
    id = body.results[0]?.activityIds?.[0] as number;
  }, 30_000);
  afterAll(() => server.stop());

  it(`answers its run page and route ${OPENS} times, /api/health under 250 ms meanwhile`, async () => {
    const health = await watchHealth(server.url);
    const details: ActivityDetail[] = [];
    for (let i = 0; i < OPENS; i++) {
      details.push(await getBody(`${server.url}/api/activities/${id}`, activityDetailSchema));
      await getBody(`${server.url}/api/activities/${id}/route`, routeViewSchema);
    }
    const watched = await health.stop();
    console.log(
      `run page ×${OPENS}: /api/health at most ${watched.maxMs.toFixed(0)} ms over ${watched.count} asks`,
    );
    for (const detail of details) {
      expect(detail.summary.id).toBe(id);
      expect(detail.summary.elapsedS).toBeCloseTo(SAMPLES - 1, 0);
      expect(detail.series.timeS.length).toBeGreaterThan(100);
      expect(detail.series.heartRateBpm.some((bpm) => bpm !== null && bpm >= 120)).toBe(true);
    }
    expect(watched.failures).toBe(0);
    expect(watched.maxMs).toBeLessThan(250);
  }, 60_000);
});
