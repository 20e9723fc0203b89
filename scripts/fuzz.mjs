// `npm run fuzz`: the full fuzz run (5,000+ cases over every corpus file). Bundles the TypeScript harness with
// esbuild, as the CLI build does, then runs it. FUZZ_CASES and FUZZ_SEED override the defaults.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { bundleForNode, root } from "./script-util.mjs";

const outfile = await bundleForNode(
  join(root, "tests/reliability/fuzz-main.ts"),
  join(root, "dist/reliability/fuzz.js"),
);
const corpus = process.env.FUZZ_CORPUS ?? join(root, "../shared/fit-corpus");
const run = spawnSync(process.execPath, [outfile], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_CORPUS: corpus },
});
process.exitCode = run.status ?? 1;
