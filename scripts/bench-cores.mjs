// What this machine's cores give when both work at once: the ceiling for any import on worker threads.
// The same fixed work is done by one thread alone, then by two threads at once (each doing all of it);
// ceiling = 2 × (one alone) / (two at once). Threads start and warm up before the clock starts.
import { spawn } from "node:child_process";
import { Worker } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { URL, pathToFileURL } from "node:url";

const KERNELS = {
  // Arithmetic over a cache-resident array: no memory traffic, no allocation.
  compute: `
    const a = new Float64Array(4096);
    for (let i = 0; i < a.length; i++) a[i] = (i * 7919) % 1000 / 1000;
    let s = 0;
    run = () => { for (let r = 0; r < 40000; r++) for (let i = 0; i < 4096; i++) s += a[i] * a[(i * 7) & 4095]; return s; };`,
  // Fresh memory: 128 MiB of pages touched for the first time (what buffers and heaps cost here). Two 64 MiB
  // buffers, held until the end: glibc maps blocks that large anew each time, so no earlier round's are reused.
  "fresh memory": `
    run = () => { const held = []; for (let k = 0; k < 2; k++) { const b = new Uint8Array(64 << 20); for (let j = 0; j < b.length; j += 4096) b[j] = 1; held.push(b); } return held.length; };`,
  // The import's own work: parseFit over the given files, columns new each time as on a worker.
  parseFit: `
    const lib = await import(workerData.lib);
    run = () => { let s = 0; for (const f of workerData.files) { const r = lib.parseFit(f); s += r.ok ? r.activities.length : 0; } return s; };`,
};

function start(kernel, data) {
  const code = `
    import { parentPort, workerData } from "node:worker_threads";
    let run;
    ${KERNELS[kernel]}
    ${kernel === "fresh memory" ? "" : "run();"}
    parentPort.postMessage("ready");
    parentPort.once("message", () => { const t = performance.now(); run(); parentPort.postMessage(performance.now() - t); });`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
    workerData: data,
  });
  const ready = new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return { worker, ready };
}

/** Wall ms from "go" until every one of `threads` threads has done the work once. */
async function timed(kernel, threads, data) {
  const workers = Array.from({ length: threads }, () => start(kernel, data));
  await Promise.all(workers.map((w) => w.ready));
  const t = performance.now();
  await Promise.all(
    workers.map(
      ({ worker }) =>
        new Promise((resolve, reject) => {
          worker.once("message", resolve);
          worker.once("error", reject);
          worker.postMessage("go");
        }),
    ),
  );
  const ms = performance.now() - t;
  await Promise.all(workers.map(({ worker }) => worker.terminate()));
  return ms;
}

// The fresh-memory kernel in processes of their own, started together at a given instant: whether what
// does not scale is the process (its one address space) or the machine.
const FRESH_PROCESS = `
  const at = Number(process.argv[1]);
  while (Date.now() < at);
  const t = performance.now();
  const held = [];
  for (let k = 0; k < 2; k++) { const b = new Uint8Array(64 << 20); for (let j = 0; j < b.length; j += 4096) b[j] = 1; held.push(b); }
  console.log(performance.now() - t);`;

/** Wall ms until each of `count` processes has touched its 128 MiB (their own clocks, the slowest). */
async function timedProcesses(count) {
  const at = Date.now() + 300;
  const one = () =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["-e", FRESH_PROCESS, String(at)]);
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("close", () => resolve(Number(out)));
    });
  const times = await Promise.all(Array.from({ length: count }, one));
  return Math.max(...times);
}

/**
 * For each kernel, the best of `rounds` alternating one-thread and two-thread runs, and the ceiling.
 * `parse` gives the files and the bundled bench library for the parseFit kernel.
 */
export async function measureCores(rounds, parse) {
  const data = { files: parse.files, lib: pathToFileURL(parse.libFile).href };
  const results = [];
  for (const kernel of Object.keys(KERNELS)) {
    results.push(await alternate(kernel, rounds, (threads) => timed(kernel, threads, data)));
  }
  results.push(await alternate("fresh memory, two processes", rounds, timedProcesses));
  return results;
}

async function alternate(kernel, rounds, run) {
  const one = [];
  const two = [];
  for (let r = 0; r < rounds; r++) {
    one.push(await run(1));
    two.push(await run(2));
  }
  const best = (xs) => Math.min(...xs);
  return { kernel, oneMs: best(one), twoMs: best(two), ceiling: (2 * best(one)) / best(two), one, two };
}

export function printCores(results, note) {
  console.log("\n### What both cores give here (the ceiling for worker threads)\n");
  console.log(
    `The same work on one thread alone, then on two threads at once, each doing all of it (best of ${results[0]?.one.length ?? 0}, alternated); ceiling = 2 × one ÷ two. ${note}\n`,
  );
  console.log("| work | one thread ms | two at once ms | ceiling | all runs (one / two) |");
  console.log("| --- | ---: | ---: | ---: | --- |");
  for (const r of results) {
    const all = `${r.one.map((x) => x.toFixed(0)).join(", ")} / ${r.two.map((x) => x.toFixed(0)).join(", ")}`;
    console.log(
      `| ${r.kernel} | ${r.oneMs.toFixed(0)} | ${r.twoMs.toFixed(0)} | ${r.ceiling.toFixed(2)}× | ${all} |`,
    );
  }
}
