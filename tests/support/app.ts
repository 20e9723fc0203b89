import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { openDb, type Db } from "../../server/db/open.ts";
import { createApp, type AppDeps } from "../../server/http/app.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./server.ts";

export interface TestApp {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** The real app on a fresh in-memory database and a temp data folder (removed on close), on a free loopback port. */
export async function startTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const db = overrides.db ?? openDb(":memory:");
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), "stridewise-test-app-"));
  const app = createApp({
    db,
    webDir: join(ROOT, "dist/web"),
    dataDir,
    version: "test",
    ...overrides,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          if (overrides.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

/** A multipart form with corpus-like files under the field name `files`. */
export function filesForm(files: { name: string; bytes: Uint8Array }[], field = "files"): FormData {
  const form = new FormData();
  for (const f of files) form.append(field, new Blob([new Uint8Array(f.bytes)]), f.name);
  return form;
}
