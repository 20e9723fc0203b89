// `npm run bench [-- --runs N --import-runs N --import-rounds N --api-runs N --passes N --skip-decode --skip-import
// --skip-api --baseline DIR]`: prints decode throughput of our FIT decoder
// against @garmin/fitsdk and fit-file-parser on the corpus running files, the 3 MB triathlon and a generated history,
// then an end-to-end `stridewise import` of a folder of one-hour runs, and the dashboard API on a long history. A script
// that prints figures, not a test: nothing is asserted.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { benchApi } from "./bench-api.mjs";
import { loadBenchLib, numberOption as option, root } from "./script-util.mjs";

const corpusDir = join(root, "..", "shared", "fit-corpus");
const cacheDir = join(os.tmpdir(), "stridewise-bench");
// Bump when the generated files change, so stale caches are not reused.
const CACHE_VERSION = 1;

const RUNS = option("runs", 300);
const IMPORT_RUNS = option("import-runs", 300);
const PASSES = option("passes", 5);
const SKIP_IMPORT = process.argv.includes("--skip-import");
// The API section reads a 10-year history (2,080 runs) by default; encoding it the first time takes a while.
const API_RUNS = option("api-runs", 2080);
const IMPORT_ROUNDS = option("import-rounds", 3);
const SKIP_API = process.argv.includes("--skip-api");
const SKIP_DECODE = process.argv.includes("--skip-decode");
// Another checkout, built (an earlier commit, say): its imports are timed beside this one's, alternately.
const BASELINE = process.argv.includes("--baseline")
  ? process.argv[process.argv.indexOf("--baseline") + 1]
  : null;

function machine() {
  const cpu =
    readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model;
  return `${cpu}, ${os.cpus().length} cores (nproc ${os.availableParallelism()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const mb = (bytes) => bytes / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times `passes` passes of fn over every file after one warm-up pass. The machine is shared, so the figure is the
 * best pass by this process's CPU time (user + system; the decoders are single-threaded and synchronous); the
 * median wall time is kept for reference.
 */
function measure(files, fn, passes) {
  let records = 0;
  for (const f of files) records += fn(f);
  const cpu = [];
  const wall = [];
  for (let p = 0; p < passes; p++) {
    const c = process.cpuUsage();
    const t = performance.now();
    for (const f of files) fn(f);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ms: Math.min(...cpu), wallMs: median(wall), records };
}

function row(label, bytes, m, reference) {
  const s = m.ms / 1000;
  const ratio = reference ? `${(reference.ms / m.ms).toFixed(1)}×` : "1×";
  return `| ${label} | ${m.ms.toFixed(1)} | ${m.wallMs.toFixed(1)} | ${(mb(bytes) / s).toFixed(1)} | ${Math.round(m.records / s).toLocaleString("en")} | ${ratio} |`;
}

/** The status line: fit-file-parser is a devDependency used only by this bench (bench-lib imports it). */
function fitFileParser() {
  const pkg = join(root, "node_modules", "fit-file-parser", "package.json");
  const { version } = JSON.parse(readFileSync(pkg, "utf8"));
  return `${version}, \`parse()\` with its default options (mode "list", force: true, so no CRC check), synchronous callback`;
}

/** fit-file-parser on `files`, measured like the SDK; a file it rejects counts as failed (its time still counts). */
function measureFitFileParser(lib, files, passes) {
  const failed = new Map();
  const m = measure(
    files,
    (f) => {
      try {
        return lib.decodeFitFileParser(f);
      } catch (error) {
        failed.set(f, error instanceof Error ? error.message : String(error));
        return 0;
      }
    },
    passes,
  );
  return { ...m, failed };
}

/**
 * Compares decoders on one data set; the SDK and fit-file-parser get fewer passes (they are 40-190× slower):
 * `slowPasses` after their warm-up.
 */
function decodeTable(lib, title, files, slowPasses = Math.max(1, Math.min(3, PASSES))) {
  const bytes = files.reduce((n, f) => n + f.length, 0);
  // Ours first: the SDK leaves a heap of garbage whose collection otherwise lands in our passes.
  const ours = measure(files, lib.decodeOurs, PASSES * 3);
  const parse = measure(files, (f) => countSamples(lib.parseFit(f)), PASSES * 3);
  const sdk = measure(files, lib.decodeSdk, slowPasses);
  const ffp = measureFitFileParser(lib, files, slowPasses);
  const failedNote = ffp.failed.size > 0 ? `, fit-file-parser failed on ${ffp.failed.size}` : "";
  console.log(
    `\n### ${title}: ${files.length} files, ${mb(bytes).toFixed(2)} MB, ${ours.records.toLocaleString("en")} records${failedNote}\n`,
  );
  console.log("| decoder | CPU ms (best pass) | wall ms (median) | MB/s | records/s | × SDK |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  console.log(row("@garmin/fitsdk `Decoder.read()`, default options", bytes, sdk));
  console.log(row("fit-file-parser `parse()`, default options (mode list, force)", bytes, ffp, sdk));
  console.log(row("ours: segments + CRC + decode into columns", bytes, ours, sdk));
  console.log(row("ours: `parseFit` (decode + Activity objects)", bytes, parse, sdk));
  const notes = [...new Set(ffp.failed.values())].map((m) => `fit-file-parser error: ${m}`);
  if (ffp.records !== sdk.records)
    notes.push(
      `fit-file-parser decoded ${ffp.records.toLocaleString("en")} records, the SDK ${sdk.records.toLocaleString("en")}`,
    );
  if (notes.length > 0) console.log(`\n${notes.join(". ")}.`);
  return { sdk, ffp, ours, parse, bytes };
}

function countSamples(result) {
  return result.ok ? result.activities.reduce((n, a) => n + a.samples.count, 0) : 0;
}

/** Files from a cache folder, made by `make(i)` on the first run (encoding is the slow part). */
function cachedFiles(name, count, make) {
  const dir = join(cacheDir, `${name}-${count}-v${CACHE_VERSION}`);
  // The marker sits beside the folder: the import benchmark imports everything inside it.
  const done = `${dir}.complete`;
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const t = performance.now();
    let i = 0;
    for (const bytes of make()) {
      writeFileSync(join(dir, `${String(i).padStart(5, "0")}.fit`), bytes);
      i++;
      if (i % 50 === 0) process.stderr.write(`  encoded ${i}/${count} ${name} files\r`);
    }
    writeFileSync(done, String(i));
    process.stderr.write(
      `  encoded ${i} ${name} files in ${((performance.now() - t) / 1000).toFixed(0)} s (cached in ${dir})\n`,
    );
  }
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".fit"))
    .sort();
  return { dir, files: names.map((n) => new Uint8Array(readFileSync(join(dir, n)))) };
}

function* hourRuns(lib, count) {
  for (let i = 0; i < count; i++) yield lib.hourRun(i);
}

/** `stridewise import DIR --json` in a fresh data folder, timed from process start to exit, with peak RSS. */
function importFolder(dir, extra = [], checkout = root) {
  const data = mkdtempSync(join(os.tmpdir(), "stridewise-bench-data-"));
  const args = [join(checkout, "bin", "stridewise.js"), "import", dir, "--data", data, "--json", ...extra];
  const useTime = existsSync("/usr/bin/time");
  const t = performance.now();
  const out = useTime
    ? spawnSync("/usr/bin/time", ["-f", "maxrss_kb=%M cpu_s=%U+%S", process.execPath, ...args], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      })
    : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  rmSync(data, { recursive: true, force: true });
  if (out.status !== 0) throw new Error(`import failed (${out.status}): ${out.stderr.slice(0, 500)}`);
  const summary = JSON.parse(out.stdout).summary;
  const rssKb = Number(out.stderr.match(/maxrss_kb=(\d+)/)?.[1] ?? Number.NaN);
  const cpu = out.stderr.match(/cpu_s=([\d.]+)\+([\d.]+)/);
  const cpuS = cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN;
  return { ms, summary, rssMb: rssKb / 1024, cpuS };
}

const lib = await loadBenchLib();
console.log(`# Stridewise benchmark\n\nMachine: ${machine()}\nDate: ${new Date().toISOString()}`);
console.log(
  `Load average at start: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);
console.log(`fit-file-parser: ${fitFileParser()}.`);

function decodeSection() {
  const corpus = readdirSync(corpusDir)
    .filter((n) => n.endsWith(".fit"))
    .map((n) => ({ n, bytes: new Uint8Array(readFileSync(join(corpusDir, n))) }));
  // "Running files": the SDK reads them (so both decoders are timed on the same work) and one session is a run.
  const running = corpus.filter(({ bytes }) => {
    const r = lib.parseFitWithSdk(bytes);
    return r.ok && r.activities.some((a) => a.sport === "running");
  });
  console.log(`\nCorpus running files: ${running.map((f) => f.n).join(", ")}`);
  decodeTable(
    lib,
    "Corpus running files",
    running.map((f) => f.bytes),
  );
  const big = corpus.find((f) => f.n === "gc__MultiSport-2019-11-24.fit");
  if (big) decodeTable(lib, "gc__MultiSport-2019-11-24.fit (3 MB triathlon)", [big.bytes]);

  const history = cachedFiles("history", RUNS, () => lib.historyFiles(RUNS));
  decodeTable(
    lib,
    `Generated history (first ${history.files.length} runs of a seeded history, 1 s recording; --runs)`,
    history.files,
  );
  const hours = cachedFiles("hour-runs", IMPORT_RUNS, () => hourRuns(lib, IMPORT_RUNS));
  decodeTable(
    lib,
    `One-hour runs (the ${hours.files.length} files the import section imports: 1 s records, GPS, altitude, dynamics; --import-runs)`,
    hours.files,
  );
  // The whole history the API section serves: the SDK takes about half a minute a pass, so one after its warm-up.
  const whole = cachedFiles("history", API_RUNS, () => lib.historyFiles(API_RUNS));
  decodeTable(
    lib,
    `Generated ten-year history (all ${whole.files.length} runs, 20–150 min at 1 s; --api-runs; the SDK and fit-file-parser one pass after a warm-up)`,
    whole.files,
    1,
  );
}

if (!SKIP_DECODE) decodeSection();

/**
 * Imports of `dir` each way, `tries` rounds, the ways alternating within a round (the machine is shared: a slow
 * moment hits every way alike); per way the best wall time and the range of wall times and peak RSS.
 */
function importRounds(dir, ways, tries) {
  const runs = ways.map(() => []);
  for (let i = 0; i < tries; i++) ways.forEach((w, k) => runs[k].push(importFolder(dir, w.args, w.checkout)));
  return runs.map((rs) => {
    const best = rs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const range = (f, d) => `${Math.min(...rs.map(f)).toFixed(d)}–${Math.max(...rs.map(f)).toFixed(d)}`;
    return { ...best, all: rs, wall: range((r) => r.ms / 1000, 2), rss: range((r) => r.rssMb, 0) };
  });
}

/**
 * This checkout against the baseline, round by round: the median of the rounds' wall-time ratios. Each round's two
 * imports ran a moment apart, so a slow minute of a shared host moves both; the best rounds alone can come from
 * different minutes.
 */
function pairedChange(ways, results) {
  for (let k = 0; k + 1 < ways.length; k += 2) {
    const ratios = results[k].all.map((r, i) => r.ms / results[k + 1].all[i].ms).sort((a, b) => a - b);
    const pct = (x) => `${x >= 1 ? "+" : ""}${((x - 1) * 100).toFixed(1)}%`;
    const median = ratios[Math.floor(ratios.length / 2)];
    console.log(
      `- ${ways[k].label} against the baseline: ${pct(median)} (median of ${ratios.length} rounds; ${pct(ratios[0])} to ${pct(ratios[ratios.length - 1])})`,
    );
  }
}

/** This checkout's import and, with --baseline, the baseline's, by default and on one thread. */
function importWays() {
  const mine = [
    { label: "this checkout, defaults", args: [], checkout: root },
    { label: "this checkout, `--threads 0`", args: ["--threads", "0"], checkout: root },
  ];
  if (!BASELINE) return mine;
  const base = [
    { label: `baseline (${BASELINE}), defaults`, args: [], checkout: BASELINE },
    { label: "baseline, `--threads 0`", args: ["--threads", "0"], checkout: BASELINE },
  ];
  return [mine[0], base[0], mine[1], base[1]];
}

if (!SKIP_IMPORT) {
  const hours = cachedFiles("hour-runs", IMPORT_RUNS, () => hourRuns(lib, IMPORT_RUNS));
  const bytes = hours.files.reduce((n, f) => n + f.length, 0);
  spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { stdio: "inherit" });
  const ways = importWays();
  const results = importRounds(hours.dir, ways, IMPORT_ROUNDS);
  // Two passes after the warm-up, the best kept.
  const sdk = measure(hours.files, lib.decodeSdk, 2);
  const parse = measure(hours.files, (f) => countSamples(lib.parseFit(f)), 3);
  console.log(
    `\n### End to end: \`stridewise import\` of ${hours.files.length} one-hour runs (1 s records, GPS, dynamics), ${mb(bytes).toFixed(1)} MB\n`,
  );
  console.log(
    `Each import is a whole process from spawn to exit (read, parse, store, analyse), ${IMPORT_ROUNDS} rounds, the ways alternating; seconds is the best round, the ranges are over all rounds. × SDK: the SDK's CPU time merely decoding the same files in this process.\n`,
  );
  console.log(
    "| what | seconds (best) | seconds (range) | CPU s | files/s | × SDK decode | peak RSS MB (range) |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  console.log(
    `| @garmin/fitsdk \`Decoder.read()\` only, in process | ${(sdk.ms / 1000).toFixed(2)} | | | | 1× | |`,
  );
  console.log(
    `| ours: \`parseFit\` only, in process | ${(parse.ms / 1000).toFixed(2)} | | | | ${(sdk.ms / parse.ms).toFixed(1)}× | |`,
  );
  ways.forEach((w, k) => {
    const r = results[k];
    console.log(
      `| import, ${w.label} | ${(r.ms / 1000).toFixed(2)} | ${r.wall} | ${r.cpuS.toFixed(2)} | ${(hours.files.length / (r.ms / 1000)).toFixed(1)} | ${(sdk.ms / r.ms).toFixed(1)}× | ${r.rss} |`,
    );
  });
  console.log(`\nImport summary: ${JSON.stringify(results[0].summary)}.`);
  if (BASELINE) pairedChange(ways, results);
}

if (!SKIP_API) {
  const api = cachedFiles("history", API_RUNS, () => lib.historyFiles(API_RUNS));
  await benchApi(
    root,
    api.dir,
    api.files.length,
    BASELINE ? importRounds(api.dir, importWays(), 2) : null,
    importWays(),
  );
}
