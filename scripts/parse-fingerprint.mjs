// `node scripts/parse-fingerprint.mjs [--against DIR]`: a digest of everything parseFit returns (typed arrays byte
// for byte, as tests/fit-parser/golden.test.ts digests it) for every file of the vendored fixtures, the extended
// corpus and the benchmark's generated data sets that exist. With --against, DIR's fit-parser (another checkout,
// say main before a speed-up) parses the same files and any file whose digest differs is named; exit 1 if one does.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { bundleForNode, root } from "./script-util.mjs";

const AGAINST = process.argv.includes("--against")
  ? resolve(process.argv[process.argv.indexOf("--against") + 1] ?? "")
  : null;

/** That checkout's parseFit, bundled here so that both resolve the same @garmin/fitsdk. */
async function parserOf(checkout, name) {
  const outfile = join(root, "node_modules", ".cache", "stridewise-fingerprint", `${name}.mjs`);
  await bundleForNode(join(checkout, "fit-parser", "index.ts"), outfile);
  return (await import(`${outfile}?t=${Date.now()}`)).parseFit;
}

function digest(result) {
  const hash = createHash("sha256");
  const json = JSON.stringify(result, (_key, v) => {
    if (ArrayBuffer.isView(v)) {
      hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return `${v.constructor.name}(${v.length})`;
    }
    return typeof v === "number" && !Number.isFinite(v) ? String(v) : v;
  });
  return hash.update(json).digest("hex").slice(0, 16);
}

/** Data sets as [label, folder]: only folders that exist (a generated set only once complete). */
function dataSets() {
  const bench = join(os.tmpdir(), "stridewise-bench");
  const generated = existsSync(bench)
    ? readdirSync(bench)
        .filter((n) => n.endsWith(".complete"))
        .map((n) => n.slice(0, -".complete".length))
        .sort()
        .map((n) => [n, join(bench, n)])
    : [];
  const sets = [
    ["tests/fixtures/fit", join(root, "tests", "fixtures", "fit")],
    ["../shared/fit-corpus", join(root, "..", "shared", "fit-corpus")],
    ...generated,
  ];
  return sets.filter(([, dir]) => existsSync(dir));
}

const parse = await parserOf(root, "this");
const reference = AGAINST === null ? null : await parserOf(AGAINST, "against");
let differing = 0;
for (const [label, dir] of dataSets()) {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".fit"))
    .sort();
  const all = createHash("sha256");
  const differ = [];
  for (const name of names) {
    const bytes = new Uint8Array(readFileSync(join(dir, name)));
    const mine = digest(parse(bytes));
    all.update(`${name} ${mine}\n`);
    if (reference !== null && digest(reference(bytes)) !== mine) differ.push(name);
  }
  differing += differ.length;
  const verdict =
    reference === null
      ? ""
      : differ.length === 0
        ? `, all identical to ${AGAINST}`
        : `, ${differ.length} DIFFER from ${AGAINST}: ${differ.slice(0, 5).join(", ")}`;
  console.log(`${label}: ${names.length} files, digest ${all.digest("hex").slice(0, 16)}${verdict}`);
}
process.exitCode = differing > 0 ? 1 : 0;
