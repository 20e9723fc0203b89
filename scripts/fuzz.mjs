// `npm run fuzz`: the full fuzz run (5,000+ cases over every corpus file). Bundles the TypeScript harness with
// esbuild, as the CLI build does, then runs it. FUZZ_CASES and FUZZ_SEED override the defaults.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist/reliability/fuzz.js");
await build({
  entryPoints: [join(root, "tests/reliability/fuzz-main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
const corpus = process.env.FUZZ_CORPUS ?? join(root, "../shared/fit-corpus");
const run = spawnSync(process.execPath, [outfile], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_CORPUS: corpus },
});
process.exitCode = run.status ?? 1;
