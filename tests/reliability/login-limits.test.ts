import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { LOOPBACK_HOSTS, resolveAccess } from "../../server/http/security.ts";
import { apiErrorSchema } from "../../server/api/index.ts";
import { parseJson } from "../support/api.ts";

// Issue 15 attack 9: guesses spread over many loopback addresses, and a reverse proxy in front.

interface Answer {
  status: number;
  cookie: string;
  code: string | null;
}

function login(
  url: string,
  password: string,
  opts: { from?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const body = JSON.stringify({ password });
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: "/api/login",
        method: "POST",
        ...(opts.from && { localAddress: opts.from }),
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...opts.headers,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          const code =
            res.statusCode === 200 ? null : parseJson(text, apiErrorSchema, "login error").error.code;
          resolve({ status: res.statusCode ?? 0, cookie: String(res.headers["set-cookie"] ?? ""), code });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the login limits", () => {
  let clockMs = 1_000_000;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      security: { allowedHosts: LOOPBACK_HOSTS, password: "correct horse", nowMs: () => clockMs },
    });
  });
  afterAll(() => app.close());

  it("refuses guesses from 40 loopback addresses once 30 have failed in a minute, whatever the address", async () => {
    const answers: Answer[] = [];
    for (let a = 0; a < 40; a++) {
      for (let i = 0; i < 5; i++)
        answers.push(await login(app.url, `guess ${a}-${i}`, { from: `127.0.0.${a + 2}` }));
    }
    expect(answers.filter((r) => r.status === 401)).toHaveLength(30);
    expect(answers.filter((r) => r.code === "too-many-attempts-server").length).toBeGreaterThan(100);
    expect(answers.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    // Even the right password waits out the minute.
    expect((await login(app.url, "correct horse", { from: "127.0.0.99" })).status).toBe(429);
    clockMs += 61_000;
    expect((await login(app.url, "correct horse", { from: "127.0.0.99" })).status).toBe(200);
  });

  it("still limits one address to 5 attempts a minute", async () => {
    clockMs += 120_000;
    for (let i = 0; i < 5; i++)
      expect((await login(app.url, "nope", { from: "127.0.0.7" })).status).toBe(401);
    expect((await login(app.url, "nope", { from: "127.0.0.7" })).code).toBe("too-many-attempts");
  });

  it("ignores X-Forwarded-For and sets no Secure flag without STRIDEWISE_TRUST_PROXY", async () => {
    clockMs += 120_000;
    for (let i = 0; i < 5; i++) {
      await login(app.url, "nope", { from: "127.0.0.8", headers: { "x-forwarded-for": `10.0.0.${i}` } });
    }
    expect((await login(app.url, "nope", { from: "127.0.0.8" })).code).toBe("too-many-attempts");
    const ok = await login(app.url, "correct horse", {
      from: "127.0.0.9",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(ok.status).toBe(200);
    expect(ok.cookie).not.toMatch(/Secure/);
  });
});

describe("behind a reverse proxy (STRIDEWISE_TRUST_PROXY=loopback)", () => {
  let clockMs = 1_000_000;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      security: {
        allowedHosts: LOOPBACK_HOSTS,
        password: "correct horse",
        nowMs: () => clockMs,
        trustProxy: "loopback",
      },
    });
  });
  afterAll(() => app.close());

  it("limits each forwarded address on its own, not every client in one bucket", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await login(app.url, "nope", { headers: { "x-forwarded-for": "203.0.113.5" } });
      expect(r.status).toBe(401);
    }
    expect((await login(app.url, "nope", { headers: { "x-forwarded-for": "203.0.113.5" } })).code).toBe(
      "too-many-attempts",
    );
    const other = await login(app.url, "correct horse", { headers: { "x-forwarded-for": "203.0.113.6" } });
    expect(other.status).toBe(200);
    clockMs += 61_000;
  });

  it("marks the session cookie Secure when the proxy says the browser came over TLS", async () => {
    const tls = await login(app.url, "correct horse", {
      headers: { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" },
    });
    expect(tls.cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+; Secure/);
    const plain = await login(app.url, "correct horse", { headers: { "x-forwarded-for": "203.0.113.8" } });
    expect(plain.cookie).not.toMatch(/Secure/);
  });
});

describe("resolveAccess() and STRIDEWISE_TRUST_PROXY", () => {
  const base = { host: "127.0.0.1", password: "pw", extraHosts: undefined, interfaceAddresses: [] };

  it("takes a hop count or the proxy's addresses, and refuses `true`, which would believe any client", () => {
    expect(resolveAccess({ ...base, trustProxy: "1" })).toMatchObject({ trustProxy: 1 });
    expect(resolveAccess({ ...base, trustProxy: "loopback, 10.0.0.2" })).toMatchObject({
      trustProxy: "loopback, 10.0.0.2",
    });
    expect(resolveAccess({ ...base, trustProxy: "" })).not.toHaveProperty("trustProxy");
    expect(resolveAccess({ ...base, trustProxy: "true" })).toEqual({
      error: expect.stringMatching(/STRIDEWISE_TRUST_PROXY=true would believe any client/),
    });
  });
});
