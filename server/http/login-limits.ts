import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit, type ClientRateLimitInfo, type Store } from "express-rate-limit";

/** Login attempts allowed a minute: per client address, and in all (failed ones) across every address. */
export interface LoginLimits {
  perAddress: number;
  global: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAddress: 5, global: 30 };

const WINDOW_MS = 60_000;

/** Fixed one-minute windows on a clock we are given (tests move it), forgetting old windows past 10,000 keys. */
class ClockStore implements Store {
  readonly localKeys = true;
  private readonly windows = new Map<string, { count: number; resetMs: number }>();

  constructor(private readonly nowMs: () => number) {}

  increment(key: string): ClientRateLimitInfo {
    const now = this.nowMs();
    if (this.windows.size > 10_000)
      for (const [k, w] of this.windows) if (w.resetMs <= now) this.windows.delete(k);
    let w = this.windows.get(key);
    if (!w || w.resetMs <= now) {
      w = { count: 0, resetMs: now + WINDOW_MS };
      this.windows.set(key, w);
    }
    w.count++;
    return { totalHits: w.count, resetTime: new Date(w.resetMs) };
  }

  decrement(key: string): void {
    const w = this.windows.get(key);
    if (w && w.count > 0) w.count--;
  }

  resetKey(key: string): void {
    this.windows.delete(key);
  }
}

/** What a refused login gets: JSON for the API, the login page (with its message) for the form. */
export type RefuseLogin = (req: Request, res: Response, code: string, message: string) => void;

/**
 * The login limits, as express-rate-limit middleware: per address (the forwarded one when
 * STRIDEWISE_TRUST_PROXY names the proxy; IPv6 by /56, so rotating addresses does not help); per known device
 * (a browser that logged in before, `deviceOf`), failed attempts only; then every failed attempt from anywhere
 * (many addresses guessing together, or every client behind one proxy), which a known device is let past:
 * guesses from many addresses then slow the guessers, not the owner.
 */
export function loginLimiters(
  limits: LoginLimits,
  nowMs: () => number,
  refuse: RefuseLogin,
  deviceOf: (req: Request) => string | null = () => null,
): RequestHandler[] {
  const common = {
    windowMs: WINDOW_MS,
    standardHeaders: "draft-7" as const,
    legacyHeaders: false,
    // An X-Forwarded-For without STRIDEWISE_TRUST_PROXY is simply not believed: no need to log about it.
    validate: { xForwardedForHeader: false },
  };
  const perAddress = rateLimit({
    ...common,
    limit: limits.perAddress,
    store: new ClockStore(nowMs),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? "unknown"),
    handler: (req, res) =>
      refuse(req, res, "too-many-attempts", "Too many login attempts; wait a minute and try again."),
  });
  // A known device's cookie used from many addresses still gets only the one address's share of guesses.
  const perDevice = rateLimit({
    ...common,
    limit: limits.perAddress,
    store: new ClockStore(nowMs),
    skip: (req) => deviceOf(req) === null,
    keyGenerator: (req) => `device:${deviceOf(req) ?? ""}`,
    skipSuccessfulRequests: true,
    handler: (req, res) =>
      refuse(
        req,
        res,
        "too-many-attempts",
        "Too many wrong passwords from this browser; wait a minute and try again.",
      ),
  });
  const global = rateLimit({
    ...common,
    limit: limits.global,
    store: new ClockStore(nowMs),
    skip: (req) => deviceOf(req) !== null,
    keyGenerator: () => "every-address",
    skipSuccessfulRequests: true,
    handler: (req, res) =>
      refuse(
        req,
        res,
        "too-many-attempts-server",
        "Too many wrong passwords from everywhere in the last minute; wait a minute and try again (a browser that has logged in here before is not held up).",
      ),
  });
  // Per address first: attempts it refuses never reach (and fill) the buckets behind it.
  return [perAddress, perDevice, global];
}
