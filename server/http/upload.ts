import multer from "multer";
import type { RequestHandler } from "express";
import { DomainError } from "../errors.ts";

export interface UploadLimits {
  fileBytes: number;
  requestBytes: number;
  files: number;
}

/** Generous enough for a Garmin account export zip, small enough to keep one upload in memory. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  fileBytes: 512 * 1024 * 1024,
  requestBytes: 1024 * 1024 * 1024,
  files: 5000,
};

const MIB = 1024 * 1024;

const MULTER_MESSAGES: Record<string, (limits: UploadLimits) => string> = {
  LIMIT_FILE_SIZE: (l) =>
    `A file is larger than the ${Math.round(l.fileBytes / MIB)} MiB limit for one upload.`,
  LIMIT_FILE_COUNT: (l) => `Upload at most ${l.files} files at once, or use \`stridewise import\` for more.`,
  LIMIT_UNEXPECTED_FILE: () => 'Send the files in the form field named "files".',
  LIMIT_PART_COUNT: () => "The upload form has too many parts.",
  LIMIT_FIELD_COUNT: () => "The upload form has too many fields.",
};

/** Multipart parsing for `files`, with per-file and per-request limits, answering in DomainErrors. */
export function uploadFiles(limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limits.fileBytes, files: limits.files, fields: 20, parts: limits.files + 20 },
  }).array("files", limits.files);

  return (req, res, next) => {
    if (!req.is("multipart/form-data")) {
      next(
        new DomainError("invalid-input", 'Send the files as multipart/form-data in a field named "files".'),
      );
      return;
    }
    const tooLarge = (): DomainError =>
      new DomainError(
        "payload-too-large",
        `This upload is larger than the ${Math.round(limits.requestBytes / MIB)} MiB limit for one request; upload fewer files at a time or use \`stridewise import\`.`,
      );
    if (Number(req.headers["content-length"] ?? "0") > limits.requestBytes) {
      next(tooLarge());
      return;
    }
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      req.off("data", count);
      next(err);
    };
    // Content-Length may be absent (chunked) or lie: count what actually arrives.
    let received = 0;
    const count = (chunk: Buffer): void => {
      received += chunk.length;
      if (received <= limits.requestBytes) return;
      req.unpipe();
      res.setHeader("Connection", "close");
      finish(tooLarge());
    };
    parse(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        const message = MULTER_MESSAGES[err.code]?.(limits) ?? `The upload could not be read (${err.code}).`;
        const code = err.code === "LIMIT_FILE_SIZE" ? "payload-too-large" : "invalid-input";
        finish(new DomainError(code, message));
        return;
      }
      if (err) {
        finish(new DomainError("invalid-input", "The upload could not be read as a multipart form."));
        return;
      }
      finish();
    });
    // Registered after multer has piped the request, so no chunk is read before the parser sees it.
    req.on("data", count);
  };
}
