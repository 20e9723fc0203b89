import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

// What the suite may find on this machine, and what it does when something is missing. No vitest import here: the
// global setup reads it too, outside any test.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Set by .ci/run: a missing extended corpus or Chromium fails the run instead of skipping. */
export const REQUIRE_ALL = process.env["STRIDEWISE_REQUIRE_ALL"] === "1";

/** The whole shared corpus, GPL/AGPL files included: STRIDEWISE_EXTENDED_CORPUS, else ../shared/fit-corpus. */
export const EXTENDED_DIR = `${resolve(ROOT, process.env["STRIDEWISE_EXTENDED_CORPUS"] ?? "../shared/fit-corpus")}/`;

/** Whether the extended corpus folder is there. */
export const hasExtended = existsSync(EXTENDED_DIR);

/** Debian's Chromium (installed by .ci/run when missing), or the one STRIDEWISE_CHROMIUM names. */
export const CHROMIUM =
  process.env["STRIDEWISE_CHROMIUM"] ?? process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Whether a Chromium binary is there to drive. */
export const hasChromium = existsSync(CHROMIUM);

/** The one line a run prints for each part it skipped, or must fail on under STRIDEWISE_REQUIRE_ALL=1. */
export function missingParts(): string[] {
  const lines: string[] = [];
  const outcome = REQUIRE_ALL ? "FAILED (STRIDEWISE_REQUIRE_ALL=1 forbids skipping)" : "skipped";
  if (!hasExtended) {
    lines.push(
      `extended corpus ${outcome}: no folder at ${EXTENDED_DIR} for the tests that need its GPL/AGPL files ` +
        `(gc__*, sportslib__*); set STRIDEWISE_EXTENDED_CORPUS=/path/to/fit-corpus to run them.`,
    );
  }
  if (!hasChromium) {
    lines.push(
      `browser tests ${outcome}: no Chromium at ${CHROMIUM}; install it (apt-get install chromium) ` +
        `or set STRIDEWISE_CHROMIUM=/path/to/chromium.`,
    );
  }
  return lines;
}
