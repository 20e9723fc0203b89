import type { ErrorRequestHandler } from "express";
import { ZodError } from "zod";
import { DomainError } from "../errors.ts";
import { storageError } from "../db/storage-errors.ts";

const STATUS_BY_CODE: Record<string, number> = {
  "not-found": 404,
  "activity-not-found": 404,
  "pain-entry-not-found": 404,
  "pain-entry-date-taken": 409,
  "invalid-input": 400,
  "confirm-needed": 409,
  "payload-too-large": 413,
  "upload-file-too-large": 413,
  "upload-too-many-files": 400,
  "server-busy": 503,
  "unsupported-media-type": 415,
  "data-read-only": 503,
  "storage-error": 503,
  "disk-full": 507,
  "intervals-not-connected": 409,
  "intervals-unreachable": 502,
  "intervals-rate-limited": 503,
  "targets-paused": 409,
  "no-runs": 409,
  "no-recent-base": 409,
};

/** The one error handler, registered last: {"error":{"code","message"}}, never a stack trace. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (err instanceof ZodError) {
    const message = err.issues
      .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
      .join("; ");
    res.status(400).json({ error: { code: "invalid-input", message } });
    return;
  }
  if (err instanceof DomainError) {
    res.status(STATUS_BY_CODE[err.code] ?? 400).json({ error: { code: err.code, message: err.message } });
    return;
  }
  const storage = storageError(err);
  if (storage) {
    res
      .status(STATUS_BY_CODE[storage.code] ?? 503)
      .json({ error: { code: storage.code, message: storage.message } });
    return;
  }
  const status = typeof err === "object" && err !== null && "status" in err ? Number(err.status) : 500;
  if (status >= 400 && status < 500) {
    const message = err instanceof Error ? err.message : "Bad request.";
    res.status(status).json({ error: { code: "bad-request", message } });
    return;
  }
  console.error(err);
  res.status(500).json({ error: { code: "internal-error", message: "Something went wrong on the server." } });
};
