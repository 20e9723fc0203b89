import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * A worker script bundled beside this code in dist/ (scripts/build.mjs), or null when running from the
 * TypeScript sources (tests), where the caller does the work on its own thread instead.
 */
export function bundledWorker(name: string): string | null {
  const script = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  return existsSync(script) ? script : null;
}
