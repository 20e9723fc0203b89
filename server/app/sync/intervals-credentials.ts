import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { DomainError } from "../../errors.ts";
import type { IntervalsCredentials } from "./intervals-client.ts";

// Beside the database, not in it: a backup or export of the database never carries the key.
const FILE = "intervals.json";
const OWNER_ONLY = 0o600;

export function credentialsPath(dataDir: string): string {
  return join(dataDir, FILE);
}

/** intervals.icu athlete ids look like "i12345"; the number alone is accepted and the "i" added. */
export function normaliseAthleteId(raw: string): string {
  const id = raw.trim();
  if (!/^i?\d{1,12}$/.test(id)) {
    throw new DomainError(
      "invalid-input",
      `"${raw}" is not an intervals.icu athlete id: it looks like i12345 (intervals.icu → Settings, under your name).`,
    );
  }
  return id.startsWith("i") ? id : `i${id}`;
}

export function checkApiKey(raw: string): string {
  const key = raw.trim();
  if (key.length < 8 || key.length > 200 || /\s/.test(key)) {
    throw new DomainError(
      "invalid-input",
      "That does not look like an intervals.icu API key (intervals.icu → Settings → Developer Settings).",
    );
  }
  return key;
}

/** The stored connection, or null when intervals.icu is not connected. */
export function readCredentials(dataDir: string): IntervalsCredentials | null {
  const path = credentialsPath(dataDir);
  if (!existsSync(path)) return null;
  // Someone loosened it (a copy, a restore): owner-only again before it is read.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY);
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<IntervalsCredentials>;
    if (typeof parsed.athleteId === "string" && typeof parsed.apiKey === "string") {
      return { athleteId: parsed.athleteId, apiKey: parsed.apiKey };
    }
  } catch {
    // An unreadable file is the same as no connection: connecting again rewrites it.
  }
  return null;
}

/** Stores the key owner-only (0600), written to a temporary file first so a crash leaves no half key. */
export function writeCredentials(dataDir: string, creds: IntervalsCredentials): void {
  const path = credentialsPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(creds), { mode: OWNER_ONLY });
  chmodSync(tmp, OWNER_ONLY);
  renameSync(tmp, path);
}

/** Forgets the key; true when there was one. */
export function removeCredentials(dataDir: string): boolean {
  const path = credentialsPath(dataDir);
  const had = existsSync(path);
  rmSync(path, { force: true });
  return had;
}
