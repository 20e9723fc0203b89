import type { RequestHandler } from "express";

/** The origin (scheme and host) a tile URL template loads from, or null for a template that is not https. */
export function tileOrigin(template: string | null): string | null {
  if (!template) return null;
  try {
    const url = new URL(template.replace(/\{[a-z]\}/g, "0"));
    return url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Lets images load from the runner's tile server, and only while one is set: no third-party host is
 * reachable by default. Runs after security() has set the policy, and widens img-src alone.
 */
export function tileCsp(tileUrl: () => string | null): RequestHandler {
  return (_req, res, next) => {
    const origin = tileOrigin(tileUrl());
    const csp = res.getHeader("Content-Security-Policy");
    if (origin && typeof csp === "string") {
      res.setHeader("Content-Security-Policy", csp.replace(/img-src ([^;]*)/, `img-src $1 ${origin}`));
    }
    next();
  };
}
