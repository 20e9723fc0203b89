import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { openDb } from "../../server/db/open.ts";
import { gzipSync } from "node:zlib";
import { parseFit } from "../../fit-parser/index.ts";
import { compressedFlood, highRate, implausibleSession, longSpan, manyLaps, manyLayouts } from "./crafted.ts";
import {
  allInvalid,
  chainedSegments,
  compressedWrap,
  headerClaimsTooMuch,
  hugeDeveloperFields,
  redefinedMidStream,
} from "./held-out.ts";
import { runFuzz } from "./fuzz-harness.ts";

// Entry point of `npm run fuzz` (bundled by scripts/fuzz.mjs): every corpus file, 5,000+ cases.

const corpusDir = process.env["FUZZ_CORPUS"] ?? "";
const cases = Number(process.env["FUZZ_CASES"] ?? "5040");
const seed = Number(process.env["FUZZ_SEED"] ?? "1");
const files = readdirSync(corpusDir)
  .filter((n) => n.endsWith(".fit"))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(corpusDir, name))) }));
const db = openDb(":memory:");
const started = performance.now();
const report = await runFuzz({
  seed,
  cases,
  files,
  importEvery: 3,
  db,
  maxParseMs: 2000,
  onProgress: (done) => {
    if (done % 250 === 0)
      process.stderr.write(
        `  ${done}/${cases} cases, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
  },
});
db.close();
const slowestFile = Object.entries(report.baselineMs).sort((a, b) => b[1] - a[1])[0];
console.log(
  `fuzz: ${report.cases} cases from ${files.length} corpus files (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`  parsed with consistent invariants: ${report.parsedOk}`);
console.log(`  rejected with a code: ${JSON.stringify(report.rejected)}`);
console.log("  by mutation:");
for (const [kind, outcomes] of Object.entries(report.outcomes))
  console.log(`    ${kind}: ${JSON.stringify(outcomes)}`);
console.log(`  imported into the database: ${report.imported} files (every 3rd case offered)`);
console.log(`  max parse time: ${report.maxParseMs.toFixed(0)} ms (${report.slowest})`);
console.log(
  `  parses over 2 s: ${report.overTwoSeconds}; slowest unmutated file: ${slowestFile?.[0]} ${slowestFile?.[1].toFixed(0)} ms`,
);
const mib = (bytes: number): string => (bytes / 1024 ** 2).toFixed(1).padStart(6);
console.log("  memory by case class (the most one case's parse grew the process, MiB):");
console.log("    class                       RSS    heap");
for (const [kind, m] of Object.entries(report.memory))
  console.log(`    ${kind.padEnd(24)} ${mib(m.rss)}  ${mib(m.heap)}`);
// Issue 15's crafted files, one each, in the same columns: each refused by its cap (or read, values checked).
const crafted: [string, () => Uint8Array][] = [
  ["crafted: 20,400 layouts", () => manyLayouts(20_400)],
  ["crafted: 52M records", () => compressedFlood(52_000_000)],
  ["crafted: 30-day span", () => longSpan(30)],
  ["crafted: 200 samples/s", () => highRate(20_000, 100)],
  ["crafted: 100,010 laps", () => manyLaps(100_010)],
  ["crafted: 1e306 m", () => implausibleSession()],
  ["held-out: dev fields", () => hugeDeveloperFields(1_000)],
  ["held-out: redefined type", () => redefinedMidStream(20_000)],
  ["held-out: time wraps", () => compressedWrap(100_000)],
  ["held-out: all invalid", () => allInvalid(5_000)],
  ["held-out: 20k segments", () => chainedSegments(20_000)],
  ["held-out: header 4 GiB", () => headerClaimsTooMuch()],
];
for (const [name, make] of crafted) {
  const bytes = make();
  const gz = gzipSync(bytes).byteLength;
  const before = process.memoryUsage();
  const r = parseFit(bytes);
  const after = process.memoryUsage();
  const used = { rss: after.rss - before.rss, heapUsed: after.heapUsed - before.heapUsed };
  const outcome = r.ok ? "read" : r.code;
  console.log(
    `    ${name.padEnd(24)} ${mib(used.rss)}  ${mib(used.heapUsed)}  ${(bytes.byteLength / 1024 ** 2).toFixed(1)} MB (${(gz / 1024).toFixed(0)} KB gzipped): ${outcome}`,
  );
}
console.log(`  findings: ${report.findings.length}`);
for (const f of report.findings.slice(0, 30)) console.log(`    ${f.source} ${f.mutant}: ${f.problem}`);
process.exitCode = report.findings.length === 0 ? 0 : 1;
