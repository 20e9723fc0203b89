import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import multer from "multer";
import type { Request, RequestHandler, Response } from "express";
import { DomainError } from "../errors.ts";
import { UploadSlots } from "./upload-slots.ts";

export interface UploadLimits {
  /** One file of the upload, as sent (a zip or .fit.gz before unpacking). */
  fileBytes: number;
  /** The whole request body, counted as it arrives (Content-Length may be absent or lie). */
  requestBytes: number;
  files: number;
  /** Uploads read and imported at once; more wait for a slot (`queued` of them), beyond that 503. */
  concurrent: number;
  queued: number;
  /** How long an upload waits for a slot before a 503 with Retry-After. */
  queueWaitMs: number;
}

/** Generous enough for a Garmin account export zip: uploads go to disk as they arrive, never whole into memory. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  fileBytes: 512 * 1024 * 1024,
  requestBytes: 1024 * 1024 * 1024,
  files: 5000,
  concurrent: 2,
  queued: 16,
  queueWaitMs: 30_000,
};

/** An uploaded file, kept in a temporary folder of the data folder until its import is done. */
export interface UploadedFile {
  name: string;
  path: string;
}

const MIB = 1024 * 1024;

const MULTER_MESSAGES: Record<string, (limits: UploadLimits) => string> = {
  LIMIT_FILE_SIZE: (l) =>
    `A file is larger than the ${Math.round(l.fileBytes / MIB)} MiB limit for one upload.`,
  LIMIT_FILE_COUNT: (l) => `Upload at most ${l.files} files at once, or use \`stridewise import\` for more.`,
  LIMIT_UNEXPECTED_FILE: () => 'Send the files in the form field named "files".',
  LIMIT_PART_COUNT: () => "The upload form has too many parts.",
  LIMIT_FIELD_COUNT: () => "The upload form has too many fields.",
};

/** The codes of the upload caps, so that each refusal says which one it was. */
const MULTER_CODES: Record<string, string> = {
  LIMIT_FILE_SIZE: "upload-file-too-large",
  LIMIT_FILE_COUNT: "upload-too-many-files",
};

/** Removes what earlier runs left in the uploads folder (a server killed mid-upload) and makes sure it exists. */
export function prepareUploadDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (name.startsWith("upload-")) rmSync(join(dir, name), { recursive: true, force: true });
    }
  } catch {
    // A read-only data folder: the upload itself reports it, as data-read-only.
  }
}

function tooLarge(limits: UploadLimits): DomainError {
  return new DomainError(
    "payload-too-large",
    `This upload is larger than the ${Math.round(limits.requestBytes / MIB)} MiB limit for one request; upload fewer files at a time or use \`stridewise import\`.`,
  );
}

/** Refuses a request at once when its body passes `requestBytes`, whatever its headers said. */
function countBytes(
  req: Request,
  res: Response,
  limits: UploadLimits,
  fail: (err: DomainError) => void,
): () => void {
  let received = 0;
  const count = (chunk: Buffer): void => {
    received += chunk.length;
    if (received <= limits.requestBytes) return;
    req.unpipe();
    req.pause();
    res.setHeader("Connection", "close");
    fail(tooLarge(limits));
  };
  req.on("data", count);
  return () => req.off("data", count);
}

/**
 * Multipart parsing for `files`, streamed to a temporary folder under `tempRoot` (one per request, removed when
 * the response is done, whatever happened), with per-file, per-request and concurrency limits answering in
 * DomainErrors. File names are read as UTF-8. The files are in `res.locals.uploads` as UploadedFile[].
 */
export function uploadFiles(tempRoot: string, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): RequestHandler {
  const slots = new UploadSlots(limits.concurrent, limits.queued, limits.queueWaitMs);
  return async (req, res, next) => {
    if (!req.is("multipart/form-data")) {
      next(
        new DomainError("invalid-input", 'Send the files as multipart/form-data in a field named "files".'),
      );
      return;
    }
    if (Number(req.headers["content-length"] ?? "0") > limits.requestBytes) {
      res.setHeader("Connection", "close");
      next(tooLarge(limits));
      return;
    }
    const release = await slots.take();
    if (release === null) {
      res.setHeader("Retry-After", String(Math.ceil(limits.queueWaitMs / 1000)));
      next(new DomainError("server-busy", slots.busyMessage()));
      return;
    }
    // A client that gave up while it waited: its response will never close again.
    if (req.socket.destroyed) {
      release();
      return;
    }
    res.on("close", release);
    let dir: string;
    try {
      dir = await mkdtemp(join(tempRoot, "upload-"));
    } catch (err) {
      next(err);
      return;
    }
    res.on("close", () => void rm(dir, { recursive: true, force: true }));
    receive(req, res, dir, limits, next);
  };
}

function receive(
  req: Request,
  res: Response,
  dir: string,
  limits: UploadLimits,
  next: (err?: unknown) => void,
): void {
  let n = 0;
  const parse = multer({
    storage: multer.diskStorage({ destination: dir, filename: (_req, _file, cb) => cb(null, String(n++)) }),
    limits: { fileSize: limits.fileBytes, files: limits.files, fields: 20, parts: limits.files + 20 },
    defParamCharset: "utf8",
  }).array("files", limits.files);
  let settled = false;
  const finish = (err?: unknown): void => {
    if (settled) return;
    settled = true;
    stopCounting();
    next(err);
  };
  const stopCounting = countBytes(req, res, limits, finish);
  parse(req, res, (err: unknown) => {
    if (err instanceof multer.MulterError) {
      const message = MULTER_MESSAGES[err.code]?.(limits) ?? `The upload could not be read (${err.code}).`;
      res.setHeader("Connection", "close");
      finish(new DomainError(MULTER_CODES[err.code] ?? "invalid-input", message));
      return;
    }
    if (err) {
      finish(
        err instanceof DomainError
          ? err
          : new DomainError("invalid-input", "The upload could not be read as a multipart form."),
      );
      return;
    }
    const files = Array.isArray(req.files) ? req.files : [];
    res.locals["uploads"] = files.map((f): UploadedFile => ({ name: f.originalname, path: f.path }));
    finish();
  });
}
