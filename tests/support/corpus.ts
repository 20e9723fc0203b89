import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";
import { EXTENDED_DIR, REQUIRE_ALL, hasExtended } from "./environment.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export { EXTENDED_DIR, REQUIRE_ALL, hasExtended } from "./environment.ts";

/** Real FIT files vendored in the repo (MIT, BSD-3-Clause, MPL-2.0, FIT SDK examples): always there. */
export const FIXTURES_DIR = join(ROOT, "tests/fixtures/fit/");

/** Whether the extended suite runs: when its folder exists, or when CI demands it (and then fails without it). */
export const runExtended = hasExtended || REQUIRE_ALL;

/** The licences that keep a corpus file out of the repo: GoldenCheetah (GPL-2.0) and sports-lib (AGPL-3.0). */
export const NOT_REDISTRIBUTABLE = /^(gc|sportslib)__/;

function fitNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".fit"))
    .sort();
}

/** Every vendored .fit file name, sorted. */
export function fixtureFiles(): string[] {
  return fitNames(FIXTURES_DIR);
}

/** The extended corpus's files that are not vendored (the GPL/AGPL ones); empty when the folder is absent. */
export function extendedOnlyFiles(): string[] {
  if (!hasExtended) return [];
  const vendored = new Set(fixtureFiles());
  return fitNames(EXTENDED_DIR).filter((name) => !vendored.has(name));
}

/** Every corpus file a test can loop over: the vendored ones, plus the extended-only ones when present. */
export function corpusFiles(): string[] {
  return [...fixtureFiles(), ...extendedOnlyFiles()].sort();
}

/** The path of a corpus file: vendored when it is, else in the extended corpus. */
export function corpusPath(name: string): string {
  const vendored = join(FIXTURES_DIR, name);
  return existsSync(vendored) ? vendored : join(EXTENDED_DIR, name);
}

/** The bytes of one corpus file (vendored or extended). */
export function readCorpusFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(name)));
}

/** A describe block of the extended suite: runs when the extended corpus is there (or CI requires it). */
export const describeExtended = describe.runIf(runExtended);
