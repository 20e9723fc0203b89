import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { startServer } from "../support/server.ts";

// Issue 15 attack 10: SIGTERM during an upload that never finishes. The server drains for a few seconds, then stops.

describe("stridewise serve on SIGTERM", () => {
  it("drains for 5 s, then cuts an upload still arriving and exits 0", async () => {
    const server = await startServer();
    const url = new URL(server.url);
    // A multipart upload that sends its head and then nothing more.
    const stalled = request({
      host: url.hostname,
      port: url.port,
      path: "/api/activities",
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=XX", "transfer-encoding": "chunked" },
    });
    const cut = new Promise<string>((resolve) => {
      stalled.on("error", (e) => resolve(e.message));
      stalled.on("response", (res) => resolve(`status ${res.statusCode}`));
    });
    stalled.write('--XX\r\nContent-Disposition: form-data; name="files"; filename="a.fit"\r\n\r\n.FIT');
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((resolve) =>
      server.process.once("exit", (code) => resolve(code)),
    );
    const t0 = performance.now();
    server.process.kill("SIGTERM");
    const code = await exited;
    const seconds = (performance.now() - t0) / 1000;
    console.log(`SIGTERM with a stalled upload: exited ${code} after ${seconds.toFixed(1)} s`);
    expect(code).toBe(0);
    expect(seconds).toBeGreaterThan(4);
    expect(seconds).toBeLessThan(8);
    expect(await cut).toMatch(/socket hang up|ECONNRESET|status/);
    await server.stop();
  }, 20_000);

  it("stops at once when nothing is in flight", async () => {
    const server = await startServer();
    await (await fetch(`${server.url}/api/health`)).arrayBuffer();
    const exited = new Promise<number | null>((resolve) =>
      server.process.once("exit", (code) => resolve(code)),
    );
    const t0 = performance.now();
    server.process.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(performance.now() - t0).toBeLessThan(2_000);
    await server.stop();
  }, 20_000);
});
