import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { closeSync, constants, existsSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * OWASP's device cookie: a browser that logged in with the right password carries a signed id, and is let past
 * the global login limit (never the per-address one), so guesses from many addresses cannot lock the owner out.
 */
export const DEVICE_COOKIE = "stridewise_device";
/** A year: the browser stays known across sessions (a session lasts a week). */
export const DEVICE_TTL_S = 365 * 24 * 3600;

const SECRET_FILE = "device-key";
const SECRET_BYTES = 32;

/**
 * The key device cookies are signed with, kept owner-only in the data folder so cookies outlive a restart. Where
 * it cannot be kept (no folder, read-only) a key of this process is used: devices are then known until a restart.
 */
export function deviceSecret(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_FILE);
  try {
    if (existsSync(file)) {
      const kept = readFileSync(file);
      if (kept.byteLength === SECRET_BYTES) return kept;
    }
    const fresh = randomBytes(SECRET_BYTES);
    // Created exclusively, never through a link: a key someone else planted would let them sign devices.
    const fd = openSync(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      writeSync(fd, fresh);
    } finally {
      closeSync(fd);
    }
    return fresh;
  } catch {
    return randomBytes(SECRET_BYTES);
  }
}

export interface KnownDevices {
  /** A new device cookie value: a random id and its signature. */
  issue(): string;
  /** The device id of a cookie value this server signed (for this password), else null. */
  idOf(value: string | undefined): string | null;
}

/** Device cookies signed under the secret and the password: changing the password forgets every device. */
export function knownDevices(secret: Buffer, password: string): KnownDevices {
  const key = createHmac("sha256", secret).update(password, "utf8").digest();
  const sign = (id: string): Buffer => createHmac("sha256", key).update(id, "utf8").digest();
  return {
    issue() {
      const id = randomBytes(16).toString("base64url");
      return `${id}.${sign(id).toString("base64url")}`;
    },
    idOf(value) {
      const match = /^([\w-]{22})\.([\w-]{43})$/.exec(value ?? "");
      if (!match?.[1] || !match[2]) return null;
      // Compared as text: decoding would ignore the last character's two spare bits, so altered text could pass.
      const given = Buffer.from(match[2], "latin1");
      const expected = Buffer.from(sign(match[1]).toString("base64url"), "latin1");
      return given.byteLength === expected.byteLength && timingSafeEqual(given, expected) ? match[1] : null;
    },
  };
}
