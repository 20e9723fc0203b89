import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server.ts";
import { healthSchema } from "../../server/api/index.ts";
import { expectBody, expectError } from "../support/api.ts";

describe("stridewise serve", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("answers /api/health on the loopback address", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await expectBody(await fetch(`${server.url}/api/health`), healthSchema)).toMatchObject({
      ok: true,
    });
  });

  it("serves the dashboard page", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("<title>Stridewise");
  });

  it("answers unknown API routes with a JSON 404, not the page", async () => {
    expect(await expectError(await fetch(`${server.url}/api/no-such-thing`), 404)).toEqual({
      code: "not-found",
      message: "No API route for GET /api/no-such-thing.",
    });
  });
});
