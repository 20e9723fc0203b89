// `node scripts/bench-core.mjs [folder] [--passes N] [--insights-passes N]`: the pure analysis core on a long history
// (default: the 10-year history `npm run bench` caches, 2,080 runs at 1 s). Times, best pass by CPU time:
// (a) what a cold per-run cache costs (the model on the 150 newest runs, then analyseRunCadence + runTrendPoint per run),
// (b) computeInsights with the model and per-run results passed in (what every later change costs),
// (c) computeInsights from the series alone, and (d) the model refit on the 150 newest runs from fresh series objects,
// which server/app/analysis/run-cache.ts does on every change. Prints a fingerprint of every result, so a change to the core can be
// checked to give the same output. A script that prints figures, not a test: nothing is asserted.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { loadBenchLib, numberOption as option } from "./script-util.mjs";

const dir = process.argv.slice(2).find((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
const folder = dir ?? join(os.tmpdir(), "stridewise-bench", "history-2080-v1");

const PASSES = option("passes", 3);
const INSIGHTS_PASSES = option("insights-passes", 30);
/** As server/app/analysis/run-cache.ts: the model reads the newest runs. */
const MODEL_WINDOW_RUNS = 150;

/** Core runs from every FIT file in the folder, oldest first (as the analysis service hands them in). */
function readRuns(lib) {
  const names = readdirSync(folder)
    .filter((n) => n.toLowerCase().endsWith(".fit"))
    .sort();
  const runs = [];
  for (const name of names) {
    const result = lib.parseFit(new Uint8Array(readFileSync(join(folder, name))));
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    for (const a of result.activities) {
      if (a.sport !== "running") continue;
      runs.push(lib.coreRun(a, runs.length + 1));
    }
  }
  runs.sort((a, b) => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : a.id - b.id));
  return runs;
}

/** The same runs with new series objects: the core memoises running samples per series object, so a pass starts cold. */
const coldCopy = (runs) => runs.map((r) => ({ ...r, series: r.series ? { ...r.series } : null }));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Best CPU time (user + system) over `passes` passes after one warm-up; `prepare` runs outside the timing. */
function measure(passes, prepare, fn) {
  let result = fn(prepare());
  const cpu = [];
  const wall = [];
  for (let p = 0; p < passes; p++) {
    const input = prepare();
    const c = process.cpuUsage();
    const t = performance.now();
    result = fn(input);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ms: Math.min(...cpu), wallMs: median(wall), result };
}

function perRun(lib, runs) {
  const recent = runs.slice(-MODEL_WINDOW_RUNS);
  const model = lib.fitCadenceModel(recent);
  const refSpeed = lib.trendReferenceSpeed(runs, model);
  const cadence = new Map();
  const trendPoints = new Map();
  for (const run of runs) {
    cadence.set(run.id, lib.analyseRunCadence(run, model));
    trendPoints.set(run.id, lib.runTrendPoint(run, model, refSpeed));
  }
  return { model, cadence, trendPoints };
}

const fingerprint = (value) =>
  createHash("sha256")
    .update(JSON.stringify(value, (_k, v) => (v instanceof Map ? [...v.entries()] : v)))
    .digest("hex")
    .slice(0, 16);

const lib = await loadBenchLib();
let t = performance.now();
const runs = readRuns(lib);
const samples = runs.reduce((n, r) => n + (r.series?.count ?? 0), 0);
const parseS = (performance.now() - t) / 1000;
t = performance.now();
const pain = lib.historyPain(runs.length);
const painS = (performance.now() - t) / 1000;
const today = runs[runs.length - 1]?.localDate ?? "2026-11-22";
console.log(
  `${folder}: ${runs.length.toLocaleString("en")} runs, ${samples.toLocaleString("en")} samples (parsed in ${parseS.toFixed(1)} s), ` +
    `${pain.filter((e) => e.date <= today).length.toLocaleString("en")} pain entries through ${today} (generated in ${painS.toFixed(1)} s)`,
);
console.log(
  `Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"}; best of ${PASSES} passes ((b): ${INSIGHTS_PASSES})\n`,
);

const a = measure(
  PASSES,
  () => coldCopy(runs),
  (input) => perRun(lib, input),
);
const summaryRuns = runs.map((r) => ({ ...r, series: null }));
const b = measure(
  INSIGHTS_PASSES,
  () => summaryRuns,
  (input) =>
    lib.computeInsights({
      runs: input,
      pain,
      today,
      units: "km",
      model: a.result.model,
      cadence: a.result.cadence,
      trendPoints: a.result.trendPoints,
    }),
);
const c = measure(
  PASSES,
  () => coldCopy(runs),
  (input) => lib.computeInsights({ runs: input, pain, today, units: "km" }),
);
const d = measure(
  INSIGHTS_PASSES,
  () => coldCopy(runs.slice(-MODEL_WINDOW_RUNS)),
  (input) => lib.fitCadenceModel(input),
);

console.log("| step | CPU ms (best pass) | wall ms (median) | result fingerprint |");
console.log("| --- | ---: | ---: | --- |");
const row = (label, m) =>
  console.log(`| ${label} | ${m.ms.toFixed(0)} | ${m.wallMs.toFixed(0)} | ${fingerprint(m.result)} |`);
row("(a) per run, cold: model on 150 newest + analyseRunCadence + runTrendPoint × every run", a);
row("(b) computeInsights, model + per-run results passed in", b);
row("(c) computeInsights, nothing cached", c);
row("(d) fitCadenceModel on the 150 newest, running samples cold", d);
