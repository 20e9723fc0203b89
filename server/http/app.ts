import express, { type Express } from "express";
import { join } from "node:path";
import { errorHandler } from "./errors.ts";
import { DomainError } from "../errors.ts";

export interface AppDeps {
  /** Folder holding the built dashboard (index.html, app.js). */
  webDir: string;
  dataDir: string;
  version: string;
}

/** Builds the HTTP app around its dependencies; listening is the caller's job. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "1mb" }));

  app.get("/api/health", (_req, res) => {
    res.json({ ok: true, version: deps.version });
  });
  app.use("/api", (req, _res, next) => {
    next(new DomainError("not-found", `No API route for ${req.method} ${req.originalUrl}.`));
  });

  app.use(express.static(deps.webDir, { index: "index.html" }));
  app.get("/{*path}", (_req, res) => {
    res.sendFile(join(deps.webDir, "index.html"));
  });

  app.use(errorHandler);
  return app;
}
