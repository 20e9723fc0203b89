// Bundles the server CLI and the dashboard with esbuild: fast enough to run before every start and test.
import { build } from "esbuild";
import { cp, mkdir, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

/**
 * Bundles @garmin/fitsdk (every other package stays external) with its 1 MB profile.js turned into one JSON.parse of
 * the same data: loading the object literal measured 80-90 ms of CPU, the JSON about 40, and every process and worker
 * that reads a FIT file pays it. Built from the installed package and checked to round-trip exactly.
 */
const fitsdkProfileAsJson = {
  name: "fitsdk-profile-as-json",
  setup(b) {
    const fitsdk = createRequire(import.meta.url).resolve("@garmin/fitsdk");
    b.onResolve({ filter: /^@garmin\/fitsdk$/ }, () => ({ path: fitsdk }));
    b.onLoad({ filter: /[\\/]@garmin[\\/]fitsdk[\\/]src[\\/]profile\.js$/ }, async (args) => {
      const { default: profile } = await import(pathToFileURL(args.path).href);
      const json = JSON.stringify(profile);
      if (!isDeepStrictEqual(JSON.parse(json), profile)) {
        return { warnings: [{ text: "the FIT profile does not survive JSON; bundled as it is" }] };
      }
      return { contents: `export default JSON.parse(${JSON.stringify(json)});`, loader: "js" };
    });
  },
};

/** The CLI's chunks and the workers: Node bundles in dist/, the SDK inside, every other package external. */
const forNode = {
  outdir: dist,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  plugins: [fitsdkProfileAsJson],
  sourcemap: true,
  logLevel: "warning",
};

await mkdir(join(dist, "web"), { recursive: true });
const [cli] = await Promise.all([
  // dist/cli.js holds the command table; the code (and packages) each command's action imports dynamically is a
  // chunk loaded when that command runs, so `stridewise import` never loads express, zod or chokidar.
  build({
    ...forNode,
    entryPoints: { cli: join(root, "server/cli/main.ts") },
    splitting: true,
    chunkNames: "chunk-[hash]",
    metafile: true,
  }),
  // Import parses and checkpoints on worker threads; each worker is its own bundle beside the CLI (not split:
  // server/app/import/engine/worker-script.ts finds it by name).
  build({
    ...forNode,
    entryPoints: {
      "parse-worker": join(root, "server/app/import/engine/parse-worker.ts"),
      "checkpoint-worker": join(root, "server/app/import/engine/checkpoint-worker.ts"),
      "stored-run-worker": join(root, "server/app/stored-run/worker.ts"),
    },
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
await removeStaleChunks(dist, Object.keys(cli.metafile.outputs));

/** Deletes the chunks an earlier build left that this one no longer writes (only chunk-*.js and their maps). */
async function removeStaleChunks(dir, outputs) {
  const fresh = new Set(outputs.map((out) => join(root, out)));
  const stale = (await readdir(dir)).filter(
    (name) => /^chunk-[A-Z0-9]+\.js(\.map)?$/.test(name) && !fresh.has(join(dir, name)),
  );
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
}
