// Bundles the server CLI and the dashboard with esbuild: fast enough to run before every start and test.
import { build } from "esbuild";
import { cp, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

await mkdir(join(dist, "web"), { recursive: true });
await Promise.all([
  build({
    entryPoints: [join(root, "server/cli/main.ts")],
    outfile: join(dist, "cli.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  }),
  // Import parses on worker threads; the worker is its own bundle beside the CLI.
  build({
    entryPoints: [join(root, "server/app/parse-worker.ts")],
    outfile: join(dist, "parse-worker.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  }),
  build({
    entryPoints: [join(root, "web/main.ts")],
    outfile: join(dist, "web/app.js"),
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: true,
    logLevel: "warning",
  }),
]);
await cp(join(root, "web/public"), join(dist, "web"), { recursive: true });
