import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { openDb } from "../../server/db/open.ts";
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
console.log(`  findings: ${report.findings.length}`);
for (const f of report.findings.slice(0, 30)) console.log(`    ${f.source} ${f.mutant}: ${f.problem}`);
process.exitCode = report.findings.length === 0 ? 0 : 1;
