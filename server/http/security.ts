import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import { LOGIN_CSS, loginPage, logoutPage } from "./login-page.ts";
import { DEVICE_COOKIE, DEVICE_TTL_S, knownDevices } from "./known-device.ts";
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, type RefuseLogin, loginLimiters } from "./login-limits.ts";

/** How the server guards itself: which Host names it answers to and, optionally, a password. */
export interface SecurityOptions {
  /** Host names (no port) the Host header may carry; anything else is a DNS-rebinding attempt. */
  allowedHosts: readonly string[];
  /** When set, every page and /api route except login and health needs a session. */
  password?: string;
  /** Milliseconds since the epoch; tests pass a fake clock for the login rate limit. */
  nowMs?: () => number;
  /** Login attempts allowed per client address per minute. */
  loginAttemptsPerMinute?: number;
  /** Failed login attempts allowed per minute across every address. */
  globalLoginAttemptsPerMinute?: number;
  /**
   * STRIDEWISE_TRUST_PROXY: the reverse proxy in front (hops, or its addresses, or "loopback"), whose
   * X-Forwarded-For and X-Forwarded-Proto are believed: for the login limit's address and the Secure cookie.
   */
  trustProxy?: number | string;
  /** The key device cookies are signed with (deviceSecret: kept in the data folder); random when absent. */
  deviceSecret?: Buffer;
}

/** The names a loopback-bound server is reached by. */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "[::1]"];

export const SESSION_COOKIE = "stridewise_session";
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

// No inline script anywhere; element.style from JS (chart.js) is allowed by style-src 'self'.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function deny(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** The host name of a Host header without its port: "[::1]:4173" → "[::1]", "Example.org:80" → "example.org". */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header.trim());
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** True when addr only reaches this machine (so no password is needed to serve on it). */
export function isLoopbackHost(addr: string): boolean {
  const a = addr.replace(/^\[|\]$/g, "").toLowerCase();
  return a === "localhost" || a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

function wantsHtml(req: Request): boolean {
  return (
    req.method === "GET" && !req.path.startsWith("/api/") && (req.headers.accept ?? "").includes("text/html")
  );
}

function sameOrigin(req: Request): boolean {
  // Browsers say where a request came from in Sec-Fetch-Site, which no page can forge; with our no-referrer policy
  // a form post carries "Origin: null", so this comes first.
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined) return site === "same-origin" || site === "none";
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: the CLI, curl, scripts
  try {
    return new URL(origin).host.toLowerCase() === (req.headers.host ?? "").toLowerCase();
  } catch {
    return false; // "null" and other opaque origins
  }
}

function hasBody(req: Request): boolean {
  return Number(req.headers["content-length"] ?? "0") > 0 || req.headers["transfer-encoding"] !== undefined;
}

/** Security headers, Host and Origin checks, and (with a password) login, sessions and logout. */
export function security(opts: SecurityOptions): Router {
  const nowMs = opts.nowMs ?? (() => Date.now());
  const allowed = new Set(opts.allowedHosts.map((h) => h.toLowerCase()));
  const sessions = new Map<string, number>();
  const limits: LoginLimits = {
    perAddress: opts.loginAttemptsPerMinute ?? DEFAULT_LOGIN_LIMITS.perAddress,
    global: opts.globalLoginAttemptsPerMinute ?? DEFAULT_LOGIN_LIMITS.global,
  };
  const router = Router();

  router.use((req, res, next) => {
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    const host = hostName(req.headers.host);
    if (host === null || !allowed.has(host)) {
      deny(
        res,
        403,
        "host-not-allowed",
        `This server does not answer to the host name "${req.headers.host ?? ""}"; add it to STRIDEWISE_ALLOWED_HOSTS if it is yours.`,
      );
      return;
    }
    if (STATE_CHANGING.has(req.method) && !sameOrigin(req)) {
      deny(res, 403, "cross-origin", "Changes can only be made from Stridewise's own pages.");
      return;
    }
    if (
      req.path.startsWith("/api/") &&
      hasBody(req) &&
      !req.is(["application/json", "multipart/form-data"])
    ) {
      deny(res, 415, "unsupported-media-type", "Send the body as JSON (Content-Type: application/json).");
      return;
    }
    next();
  });

  if (opts.password === undefined) return router;
  const expected = digest(opts.password);

  const sessionOf = (req: Request): string | null => {
    const token = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (!token) return null;
    const expiresMs = sessions.get(token);
    if (expiresMs === undefined) return null;
    if (expiresMs <= nowMs()) {
      sessions.delete(token);
      return null;
    }
    return token;
  };

  const refuse: RefuseLogin = (req, res, code, message) => {
    if (req.path.startsWith("/api/")) deny(res, 429, code, message);
    else res.status(429).type("html").send(loginPage("limited"));
  };
  const devices = knownDevices(opts.deviceSecret ?? randomBytes(32), opts.password);
  const deviceOf = (req: Request): string | null =>
    devices.idOf(parseCookies(req.headers.cookie).get(DEVICE_COOKIE));
  const limited = loginLimiters(limits, nowMs, refuse, deviceOf);
  // Secure when the browser reached us over TLS: through a proxy we trust that says so (X-Forwarded-Proto).
  const cookie = (req: Request, value: string, maxAgeS: number): string =>
    `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}${req.secure ? "; Secure" : ""}`;

  const tryLogin = (req: Request, res: Response, password: unknown): "ok" | "wrong" => {
    if (typeof password !== "string" || !timingSafeEqual(digest(password), expected)) return "wrong";
    const token = randomBytes(32).toString("base64url");
    // Expired sessions go when someone logs in, so the map only holds live ones (logins are rate-limited).
    for (const [t, expiresMs] of sessions) if (expiresMs <= nowMs()) sessions.delete(t);
    sessions.set(token, nowMs() + SESSION_TTL_MS);
    // The device cookie is kept (and renewed) past logout: it says this browser knew the password.
    const device = `${DEVICE_COOKIE}=${devices.issue()}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${DEVICE_TTL_S}${req.secure ? "; Secure" : ""}`;
    res.setHeader("Set-Cookie", [cookie(req, token, SESSION_TTL_MS / 1000), device]);
    return "ok";
  };

  const endSession = (req: Request, res: Response): void => {
    const token = sessionOf(req);
    if (token) sessions.delete(token);
    res.setHeader("Set-Cookie", cookie(req, "", 0));
  };

  router.get("/login", (_req, res) => {
    res.type("html").send(loginPage(null));
  });
  router.get("/login.css", (_req, res) => {
    res.type("css").send(LOGIN_CSS);
  });
  router.post("/login", ...limited, express.urlencoded({ extended: false, limit: "4kb" }), (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (tryLogin(req, res, body?.["password"]) === "ok") res.redirect(303, "/");
    else res.status(401).type("html").send(loginPage("wrong"));
  });
  router.post("/api/login", ...limited, express.json({ limit: "4kb" }), (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (tryLogin(req, res, body?.["password"]) === "ok") res.json({ ok: true });
    else deny(res, 401, "wrong-password", "That password is not right.");
  });
  router.get("/logout", (_req, res) => {
    res.type("html").send(logoutPage());
  });
  router.post(["/logout", "/api/logout"], (req, res) => {
    endSession(req, res);
    if (req.path.startsWith("/api/")) res.status(204).end();
    else res.redirect(303, "/login");
  });

  router.use((req, res, next) => {
    if (req.path === "/api/health" || sessionOf(req) !== null) {
      next();
      return;
    }
    if (wantsHtml(req)) {
      res.redirect(303, "/login");
      return;
    }
    deny(res, 401, "login-required", "Log in first: this Stridewise server is protected by a password.");
  });
  return router;
}

/** What `serve` is told: the address it binds and the environment. */
export interface AccessConfig {
  host: string;
  password: string | undefined;
  /** STRIDEWISE_ALLOWED_HOSTS: extra names, comma-separated. */
  extraHosts: string | undefined;
  /** This machine's addresses, used when binding every interface (0.0.0.0 or ::). */
  interfaceAddresses: readonly string[];
  /** STRIDEWISE_TRUST_PROXY: a hop count, or the proxy's addresses (comma-separated) or "loopback". */
  trustProxy?: string | undefined;
}

/** STRIDEWISE_TRUST_PROXY as express takes it, or an error sentence ("true" would believe any client). */
function trustProxyOf(value: string | undefined): { trust?: number | string; error?: string } {
  const v = (value ?? "").trim();
  if (v === "" || v === "0" || v === "false") return {};
  if (/^\d+$/.test(v)) return { trust: Number(v) };
  if (v === "true") {
    return {
      error:
        "STRIDEWISE_TRUST_PROXY=true would believe any client's X-Forwarded-For; give the proxy's address (or loopback, or a hop count) instead.",
    };
  }
  return { trust: v };
}

/** The security options for a bind address, or an error sentence when serving there would be unsafe. */
export function resolveAccess(cfg: AccessConfig): SecurityOptions | { error: string } {
  const password = cfg.password === "" ? undefined : cfg.password;
  if (!isLoopbackHost(cfg.host) && password === undefined) {
    return {
      error: `Refusing to listen on ${cfg.host}: anyone on the network could read your health data. Set STRIDEWISE_PASSWORD to require a login, or leave --host at 127.0.0.1.`,
    };
  }
  const proxy = trustProxyOf(cfg.trustProxy);
  if (proxy.error !== undefined) return { error: proxy.error };
  const bracket = (a: string): string => (a.includes(":") && !a.startsWith("[") ? `[${a}]` : a);
  const wildcard = cfg.host === "0.0.0.0" || cfg.host === "::" || cfg.host === "[::]";
  const names = [
    ...LOOPBACK_HOSTS,
    ...(wildcard ? cfg.interfaceAddresses : [cfg.host]).map(bracket),
    ...(cfg.extraHosts ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
  ];
  return {
    allowedHosts: [...new Set(names.map((n) => n.toLowerCase()))],
    ...(password !== undefined && { password }),
    ...(proxy.trust !== undefined && { trustProxy: proxy.trust }),
  };
}
