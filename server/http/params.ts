import type { RequestHandler } from "express";
import { z } from "zod";
import { DomainError } from "../errors.ts";

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A positive whole-number id from a route parameter, or a 400 naming what was wrong. */
export function parseId(raw: unknown, what: string): number {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success || typeof raw !== "string" || !/^\d+$/.test(raw)) {
    throw new DomainError(
      "invalid-input",
      `${what} id must be a positive whole number, not "${String(raw)}".`,
    );
  }
  return parsed.data;
}

/** Parses a JSON body or query with a zod schema; a failure becomes one readable 400. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")} ${issue.message}` : issue.message))
    .join("; ");
  throw new DomainError("invalid-input", `Invalid ${what}: ${details}.`);
}

/** Write requests to JSON routes must say they are JSON; anything else is a clear 415. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (["POST", "PUT", "PATCH"].includes(req.method) && !req.is("application/json")) {
    next(
      new DomainError("unsupported-media-type", "Send the body as JSON (Content-Type: application/json)."),
    );
    return;
  }
  next();
};
