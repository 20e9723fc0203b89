import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { filesForm, startTestApp, type TestApp } from "../support/app.ts";
import { startServer } from "../support/server.ts";
import { readCorpusFile } from "../support/corpus.ts";
import { LOOPBACK_HOSTS, hostName, resolveAccess } from "../../server/http/security.ts";
import { loginResultSchema, settingsSchema } from "../../server/api/index.ts";
import { expectBody, expectError } from "../support/api.ts";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with full control of Host, Origin and body (fetch will not send a forged Host). */
function raw(
  base: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: opts.method ?? "GET",
        path: opts.path,
        headers: { host: url.host, ...opts.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

describe("security headers, Host and Origin checks", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("sends a CSP without inline scripts, nosniff, no framing and no referrer", async () => {
    for (const path of ["/", "/api/health", "/app.js"]) {
      const res = await raw(app.url, { path });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("img-src 'self' data:");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
    }
  });

  it("answers to loopback names with any port", async () => {
    const port = new URL(app.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, "LOCALHOST"]) {
      expect((await raw(app.url, { path: "/api/health", headers: { host } })).status).toBe(200);
    }
  });

  it("refuses other Host names (DNS rebinding) with a 403 naming the host", async () => {
    for (const host of ["evil.example", "evil.example:4173", "127.0.0.1.evil.example", "a b"]) {
      const res = await raw(app.url, { path: "/api/activities", headers: { host } });
      expect((await expectError(res, 403)).code).toBe("host-not-allowed");
    }
  });

  it("rejects state-changing requests from another origin", async () => {
    const body = JSON.stringify({ units: "mi" });
    for (const origin of ["http://evil.example", "null", "http://127.0.0.1:1", "not a url"]) {
      const res = await raw(app.url, {
        method: "PUT",
        path: "/api/settings",
        headers: { origin, "content-type": "application/json" },
        body,
      });
      expect((await expectError(res, 403)).code).toBe("cross-origin");
    }
    const site = await raw(app.url, {
      method: "DELETE",
      path: "/api/pain/1",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect((await expectError(site, 403)).code).toBe("cross-origin");
  });

  it("trusts the browser's Sec-Fetch-Site over Origin (a form post under no-referrer sends Origin: null)", async () => {
    const headers = { "content-type": "application/json" };
    const body = JSON.stringify({ units: "km" });
    const form = await raw(app.url, {
      method: "PUT",
      path: "/api/settings",
      headers: { ...headers, origin: "null", "sec-fetch-site": "same-origin" },
      body,
    });
    expect((await expectBody(form, settingsSchema)).units).toBe("km");
    for (const site of ["cross-site", "same-site"]) {
      const res = await raw(app.url, {
        method: "PUT",
        path: "/api/settings",
        headers: { ...headers, origin: app.url, "sec-fetch-site": site },
        body,
      });
      expect((await expectError(res, 403)).code).toBe("cross-origin");
    }
  });

  it("accepts the same origin, and clients that send no Origin (the CLI, curl)", async () => {
    const body = JSON.stringify({ units: "mi" });
    const headers = { "content-type": "application/json" };
    const same = await raw(app.url, {
      method: "PUT",
      path: "/api/settings",
      headers: { ...headers, origin: app.url, "sec-fetch-site": "same-origin" },
      body,
    });
    expect((await expectBody(same, settingsSchema)).units).toBe("mi");
    const none = await raw(app.url, { method: "PUT", path: "/api/settings", headers, body });
    expect((await expectBody(none, settingsSchema)).units).toBe("mi");
  });

  it("takes only JSON (or multipart uploads) as API bodies: a form post is a 415", async () => {
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "application/xml"]) {
      const res = await raw(app.url, {
        method: "POST",
        path: "/api/demo",
        headers: { "content-type": type },
        body: "units=mi",
      });
      expect(await expectError(res, 415)).toMatchObject({
        code: "unsupported-media-type",
        message: expect.stringMatching(/JSON/),
      });
    }
  });
});

describe("login with STRIDEWISE_PASSWORD", () => {
  let app: TestApp;
  let clockMs = 1_000_000;
  beforeAll(async () => {
    app = await startTestApp({
      security: { allowedHosts: LOOPBACK_HOSTS, password: "correct horse", nowMs: () => clockMs },
    });
  });
  afterAll(() => app.close());

  const login = (password: string): Promise<RawResponse> =>
    raw(app.url, {
      method: "POST",
      path: "/api/login",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password }),
    });

  it("keeps every API route but health and login behind a session", async () => {
    expect((await raw(app.url, { path: "/api/health" })).status).toBe(200);
    for (const path of ["/api/activities", "/api/insights", "/api/pain", "/api/settings"]) {
      const res = await raw(app.url, { path });
      expect((await expectError(res, 401)).code).toBe("login-required");
    }
  });

  it("sends a browser to a script-free login page", async () => {
    const res = await raw(app.url, { path: "/", headers: { accept: "text/html" } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/login");
    const page = await raw(app.url, { path: "/login" });
    expect(page.body).toContain('<form method="post" action="/login">');
    expect(page.body).not.toContain("<script");
  });

  it("logs in with an HttpOnly, SameSite=Strict random cookie, and logs out", async () => {
    clockMs += 120_000;
    const res = await login("correct horse");
    expect(await expectBody(res, loginResultSchema)).toEqual({ ok: true });
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^stridewise_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    const session = cookie.split(";")[0] ?? "";
    expect((await raw(app.url, { path: "/api/activities", headers: { cookie: session } })).status).toBe(200);
    const again = String((await login("correct horse")).headers["set-cookie"]).split(";")[0];
    expect(again).not.toBe(session);

    const out = await raw(app.url, { method: "POST", path: "/api/logout", headers: { cookie: session } });
    expect(out.status).toBe(204);
    expect((await raw(app.url, { path: "/api/activities", headers: { cookie: session } })).status).toBe(401);
    const forged = "stridewise_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    expect((await raw(app.url, { path: "/api/activities", headers: { cookie: forged } })).status).toBe(401);
  });

  it("logs in through the HTML form and redirects to the dashboard", async () => {
    clockMs += 120_000;
    const res = await raw(app.url, {
      method: "POST",
      path: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "password=correct+horse",
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/");
    const wrong = await raw(app.url, {
      method: "POST",
      path: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "password=nope",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain("not right");
  });

  it("allows 5 login attempts a minute per address, even with the right password after", async () => {
    clockMs += 120_000;
    for (let i = 0; i < 5; i++)
      expect((await expectError(await login(`guess ${i}`), 401)).code).toBe("wrong-password");
    const limited = await login("correct horse");
    expect((await expectError(limited, 429)).code).toBe("too-many-attempts");
    clockMs += 61_000;
    await expectBody(await login("correct horse"), loginResultSchema);
  });

  it("ends a session after 7 days", async () => {
    clockMs += 120_000;
    const session = String((await login("correct horse")).headers["set-cookie"]).split(";")[0] ?? "";
    clockMs += 7 * 24 * 3600 * 1000 - 1000;
    expect((await raw(app.url, { path: "/api/activities", headers: { cookie: session } })).status).toBe(200);
    clockMs += 2000;
    expect((await raw(app.url, { path: "/api/activities", headers: { cookie: session } })).status).toBe(401);
  });

  it("rejects a cross-origin login form (login CSRF)", async () => {
    clockMs += 120_000;
    const res = await raw(app.url, {
      method: "POST",
      path: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" },
      body: "password=correct+horse",
    });
    expect(res.status).toBe(403);
  });
});

describe("resolveAccess()", () => {
  const base = { password: undefined, extraHosts: undefined, interfaceAddresses: ["10.0.0.5", "fe80::1"] };

  it("refuses a non-loopback address without a password, with a sentence saying what to do", () => {
    const result = resolveAccess({ ...base, host: "0.0.0.0" });
    expect(result).toEqual({ error: expect.stringMatching(/STRIDEWISE_PASSWORD/) });
    expect(resolveAccess({ ...base, host: "192.168.1.20", password: "" })).toHaveProperty("error");
  });

  it("serves loopback without a password, and lists the bound and extra names", () => {
    expect(resolveAccess({ ...base, host: "127.0.0.1" })).toEqual({ allowedHosts: [...LOOPBACK_HOSTS] });
    const lan = resolveAccess({
      ...base,
      host: "0.0.0.0",
      password: "pw",
      extraHosts: "stride.home, NAS.local",
    });
    expect(lan).toEqual({
      allowedHosts: [...LOOPBACK_HOSTS, "10.0.0.5", "[fe80::1]", "stride.home", "nas.local"],
      password: "pw",
    });
  });

  it("reads host names without their port", () => {
    expect(hostName("[::1]:4173")).toBe("[::1]");
    expect(hostName("Example.ORG:80")).toBe("example.org");
    expect(hostName("a:b:c")).toBeNull();
    expect(hostName(undefined)).toBeNull();
  });
});

describe("stridewise serve --host", () => {
  it("refuses to listen on a LAN address without STRIDEWISE_PASSWORD", async () => {
    await expect(startServer(["--host", "0.0.0.0"], { STRIDEWISE_PASSWORD: "" })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0.*STRIDEWISE_PASSWORD/s,
    );
  });

  it("listens on every address with a password, and asks for a login", async () => {
    const server = await startServer(["--host", "0.0.0.0"], { STRIDEWISE_PASSWORD: "pw" });
    try {
      const port = new URL(server.url).port;
      const res = await raw(`http://127.0.0.1:${port}`, { path: "/api/activities" });
      expect(res.status).toBe(401);
    } finally {
      await server.stop();
    }
  });
});

describe("upload size counted as it streams", () => {
  it("stops a chunked upload with no Content-Length at the request limit: 413", async () => {
    const app = await startTestApp({
      uploadLimits: { fileBytes: 50_000_000, requestBytes: 200_000, files: 10 },
    });
    try {
      const bytes = readCorpusFile("elevate__loup-blanc.fit");
      const form = filesForm([{ name: "big.fit", bytes }]);
      const blob = await new Response(form).blob();
      const type = blob.type;
      const stream = blob.stream();
      const res = await fetch(`${app.url}/api/activities`, {
        method: "POST",
        headers: { "content-type": type },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect((await expectError(res, 413)).message).toMatch(/limit/);
      expect(app.db.sqlite.prepare("SELECT count(*) AS n FROM files").get()).toEqual({ n: 0 });
    } finally {
      await app.close();
    }
  });
});
