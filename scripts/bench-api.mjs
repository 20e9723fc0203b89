/* global fetch */
// The dashboard API on a long history, for `npm run bench`: import it, then time the first read after a change (the
// analysis snapshot is built), p50/p95 of later reads, the first read after a restart, and `stridewise reanalyse`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const READS_PER_ENDPOINT = 200;

function startServer(cli, data) {
  const child = spawn(process.execPath, [cli, "serve", "--port", "0", "--data", data], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = /running at (http:\/\/\S+?) /.exec(out)?.[1];
      if (url) resolve({ url, stop: () => new Promise((done) => child.once("exit", done).kill("SIGTERM")) });
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function timedGet(url) {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t;
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Imports of the history timed each way (one thread, default workers); the best is reported. */
const IMPORT_ROUNDS = 2;

/** `stridewise import DIR` into a fresh data folder: wall seconds from spawn to exit, peak RSS, the summary. */
function timedImport(cli, dir, threads) {
  const data = mkdtempSync(join(os.tmpdir(), "stridewise-bench-api-"));
  const args = [cli, "import", dir, "--data", data, "--json"];
  if (threads !== undefined) args.push("--threads", String(threads));
  const t = performance.now();
  const out = spawnSync("/usr/bin/time", ["-f", "maxrss_kb=%M", process.execPath, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const s = (performance.now() - t) / 1000;
  if (out.status !== 0) throw new Error(`import failed (${out.status}): ${out.stderr.slice(0, 500)}`);
  const rssMb = Number(out.stderr.match(/maxrss_kb=(\d+)/)?.[1] ?? Number.NaN) / 1024;
  return { s, rssMb, summary: JSON.parse(out.stdout).summary, data };
}

/**
 * Prints the API section of the benchmark for the FIT files in `dir`; `rounds` (with --baseline): the same
 * history imported each of `ways`, alternately, printed first.
 */
export async function benchApi(root, dir, count, rounds, ways) {
  if (rounds) {
    console.log(
      `\n### \`stridewise import\` of the ${count}-run history, side by side (2 rounds, alternating)\n`,
    );
    console.log("| what | seconds (best) | seconds (range) | peak RSS MB (range) |");
    console.log("| --- | ---: | ---: | ---: |");
    rounds.forEach((r, k) =>
      console.log(`| ${ways[k].label} | ${(r.ms / 1000).toFixed(2)} | ${r.wall} | ${r.rss} |`),
    );
  }
  const cli = join(root, "bin", "stridewise.js");
  // The whole history imported (and analysed) on one thread and with the default workers, alternately, twice
  // each (the machine is shared: the faster of two is kept); the server reads the last default import.
  let inline = null;
  let workers = null;
  let data = null;
  // Timed side by side already (--baseline): one import, for the server to read.
  for (let round = 0; round < (rounds ? 1 : IMPORT_ROUNDS); round++) {
    const one = timedImport(cli, dir, 0);
    rmSync(one.data, { recursive: true, force: true });
    if (inline === null || one.s < inline.s) inline = one;
    const both = timedImport(cli, dir, undefined);
    if (data !== null) rmSync(data, { recursive: true, force: true });
    data = both.data;
    if (workers === null || both.s < workers.s) workers = both;
  }
  try {
    const summary = workers.summary;
    let server = await startServer(cli, data);
    const firstRead = await timedGet(`${server.url}/api/insights`);
    const ids = (await (await fetch(`${server.url}/api/activities?pageSize=500`)).json()).items.map(
      (a) => a.id,
    );
    const endpoints = {
      "/api/activities (page of 50)": () => "/api/activities?page=1&pageSize=50",
      "/api/load": () => "/api/load",
      "/api/insights": () => "/api/insights",
      "/api/cadence": () => "/api/cadence",
      "/api/overview": () => "/api/overview",
      "/api/activities/:id (a run page's series)": (i) => `/api/activities/${ids[i % ids.length]}`,
    };
    const rows = [];
    for (const [label, path] of Object.entries(endpoints)) {
      const times = [];
      for (let i = 0; i < READS_PER_ENDPOINT; i++) times.push(await timedGet(`${server.url}${path(i)}`));
      rows.push(`| ${label} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} |`);
    }
    await server.stop();
    server = await startServer(cli, data);
    const afterRestart = await timedGet(`${server.url}/api/insights`);
    await server.stop();

    const t = performance.now();
    spawnSync(process.execPath, [cli, "reanalyse", "--data", data], { encoding: "utf8" });
    const reanalyseS = (performance.now() - t) / 1000;

    console.log(`\n### Dashboard API on a ${count}-run history\n`);
    console.log(
      `Import (read, parse, store, analyse every run): ${inline.s.toFixed(1)} s on one thread (\`--threads 0\`, peak RSS ${inline.rssMb.toFixed(0)} MB), ${workers.s.toFixed(1)} s with the default workers (${workers.rssMb.toFixed(0)} MB): ${(inline.s / workers.s).toFixed(2)}× (${JSON.stringify(summary)}). First read after the import: ${(firstRead / 1000).toFixed(2)} s. after a restart: ${(afterRestart / 1000).toFixed(2)} s. \`stridewise reanalyse\` (re-parse every original, then analyse every run): ${reanalyseS.toFixed(1)} s.\n`,
    );
    console.log(`| endpoint (${READS_PER_ENDPOINT} sequential reads each) | p50 ms | p95 ms |`);
    console.log("| --- | ---: | ---: |");
    for (const r of rows) console.log(r);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}
