// What the plain-Node scripts (bench, bench-core, fuzz) share: the project root, numeric options, and bundling a
// TypeScript entry for Node with esbuild the way scripts/build.mjs does.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** `--name N` from the command line as a positive whole number, or `fallback`. */
export function numberOption(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive whole number`);
  return v;
}

/** Bundles a TypeScript entry (packages stay external) into `outfile`. */
export async function bundleForNode(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return outfile;
}

/** scripts/bench-lib.ts bundled and imported: the code the benchmarks drive. */
export async function loadBenchLib() {
  const outfile = join(root, "node_modules", ".cache", "stridewise-bench", "bench-lib.mjs");
  return import(`${await bundleForNode(join(root, "scripts", "bench-lib.ts"), outfile)}?t=${Date.now()}`);
}
