import { existsSync, mkdirSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as Esbuild from "esbuild";

const built = new Map<string, string>();

/**
 * The script a worker thread runs: bundled beside this code in dist/ (scripts/build.mjs), or, running from the
 * TypeScript sources (the tests), `source` bundled once per process with esbuild (a devDependency).
 */
export function workerScript(name: string, source: URL): string {
  const bundled = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  if (existsSync(bundled)) return bundled;
  const done = built.get(name);
  if (done) return done;
  const dir = fileURLToPath(new URL("../../../../node_modules/.cache/stridewise-workers/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const outfile = `${dir}${name}.mjs`;
  const partial = `${outfile}.${process.pid}`;
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof Esbuild;
  esbuild.buildSync({
    entryPoints: [fileURLToPath(source)],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  // Renamed into place whole: test files run in parallel processes, each building its own.
  renameSync(partial, outfile);
  built.set(name, outfile);
  return outfile;
}
