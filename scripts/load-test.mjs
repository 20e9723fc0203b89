// `npm run load-test`: a bounded load test on loopback. Starts the real server on a fresh data folder; 8 clients
// upload every corpus file (each in its own order, so the same file races in from several clients) while 4 others
// read the dashboard API. Then: no 5xx, no lost or duplicated activity, and p50/p95 latency per endpoint.
// LOAD_READS (default 2400) and LOAD_MAX_S (default 180) bound it. /api/health is polled every 50 ms throughout;
// the server's peak RSS and the load average (1 min, at start and end: figures are only comparable at like loads)
// are printed with the latencies.
/* global fetch, FormData, Blob, performance, setTimeout, clearTimeout -- Node 20 globals */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "bin/stridewise.js");
const corpusDir = process.env.LOAD_CORPUS ?? join(root, "../shared/fit-corpus");
const UPLOADERS = 8;
const READERS = 4;
const MIN_READS = Number(process.env.LOAD_READS ?? "2400");
const MAX_MS = Number(process.env.LOAD_MAX_S ?? "180") * 1000;
const READ_PATHS = ["/api/activities?pageSize=100", "/api/load", "/api/insights"];

function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startServer(dataDir) {
  const child = spawn(process.execPath, [cli, "serve", "--port", "0", "--data", dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15000);
    child.stdout.on("data", (c) => {
      output += c;
      const m = /running at (http:\/\/\S+?) /.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
    child.stderr.on("data", (c) => (output += c));
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const files = readdirSync(corpusDir)
  .filter((n) => n.endsWith(".fit"))
  .sort()
  .map((name) => ({ name, bytes: readFileSync(join(corpusDir, name)) }));
const dataDir = mkdtempSync(join(tmpdir(), "stridewise-load-"));
const refDir = mkdtempSync(join(tmpdir(), "stridewise-load-ref-"));
const { url, child } = await startServer(dataDir);
const latencies = new Map();
const failures = [];
const statuses = new Map();
const started = performance.now();
let uploadsDone = false;
let reads = 0;

async function timed(label, path, init) {
  const t = performance.now();
  let status = 0;
  try {
    const res = await fetch(url + path, init);
    status = res.status;
    await res.arrayBuffer();
  } catch (err) {
    failures.push(`${label}: ${err.message}`);
  }
  const ms = performance.now() - t;
  if (!latencies.has(label)) latencies.set(label, []);
  latencies.get(label).push(ms);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (status >= 500 || status === 0) failures.push(`${label} ${path}: ${status}`);
  else if (status >= 400) failures.push(`${label} ${path}: unexpected ${status}`);
}

async function uploader(id) {
  const rng = seeded(id + 1);
  const order = files.map((f) => ({ f, k: rng() })).sort((a, b) => a.k - b.k);
  for (const { f } of order) {
    if (performance.now() - started > MAX_MS) return;
    const form = new FormData();
    form.append("files", new Blob([f.bytes]), f.name);
    await timed("POST /api/activities", "/api/activities", { method: "POST", body: form });
  }
}

async function reader(id) {
  let i = id;
  while ((!uploadsDone || reads < MIN_READS) && performance.now() - started < MAX_MS) {
    const path = READ_PATHS[i++ % READ_PATHS.length];
    reads++;
    await timed(`GET ${path.split("?")[0]}`, path);
  }
}

async function healthPoller() {
  while (!uploadsDone || reads < MIN_READS) {
    if (performance.now() - started > MAX_MS) return;
    await timed("GET /api/health", "/api/health");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function peakRssMiB(pid) {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? NaN : Number(kb) / 1024;
  } catch {
    return NaN;
  }
}

const loadAtStart = loadavg()[0];
const health = healthPoller();
const readers = Array.from({ length: READERS }, (_, i) => reader(i));
await Promise.all(Array.from({ length: UPLOADERS }, (_, i) => uploader(i)));
uploadsDone = true;
await Promise.all(readers);
await health;
const elapsedS = (performance.now() - started) / 1000;
const loadAtEnd = loadavg()[0];
const peakRss = peakRssMiB(child.pid);

const stopped = new Promise((resolve) => child.once("exit", resolve));
child.kill("SIGTERM");
await stopped;

// The same corpus imported once, in order, by the CLI: what the database should hold.
spawnSync(process.execPath, [cli, "import", corpusDir, "--data", refDir, "--json"], { encoding: "utf8" });
// Keyed by content, not by file: the corpus holds one activity in two encodings, and either may arrive first.
const key =
  "SELECT start_utc AS k1, sport || ':' || ifnull(round(distance_m), '') AS k2 FROM activities ORDER BY 1, 2";
const count = (dir) => {
  const db = new Database(join(dir, "stridewise.db"), { readonly: true });
  const rows = db
    .prepare(key)
    .all()
    .map((r) => `${r.k1} ${r.k2}`);
  const starts = db
    .prepare("SELECT count(*) AS n, count(DISTINCT start_utc || sport) AS d FROM activities")
    .get();
  const integrity = db.pragma("integrity_check", { simple: true });
  db.close();
  return { rows, starts, integrity };
};
const got = count(dataDir);
const want = count(refDir);
rmSync(dataDir, { recursive: true, force: true });
rmSync(refDir, { recursive: true, force: true });

const lost = want.rows.filter((r) => !got.rows.includes(r));
const extra = got.rows.filter((r) => !want.rows.includes(r));
const total = [...latencies.values()].reduce((n, l) => n + l.length, 0);
console.log(
  `load test: ${total} requests in ${elapsedS.toFixed(1)} s on loopback (${UPLOADERS} uploaders x ${files.length} corpus files, ${READERS} readers)`,
);
console.log(
  `  load average (1 min): ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end; server peak RSS ${peakRss.toFixed(0)} MiB`,
);
console.log(`  status codes: ${JSON.stringify(Object.fromEntries(statuses))}`);
console.log("  endpoint                  requests   p50 ms   p95 ms   max ms");
for (const [label, list] of [...latencies].sort()) {
  const s = [...list].sort((a, b) => a - b);
  const cells = [percentile(s, 50), percentile(s, 95), s[s.length - 1]].map((v) => v.toFixed(0).padStart(8));
  console.log(`  ${label.padEnd(25)} ${String(s.length).padStart(8)} ${cells.join(" ")}`);
}
console.log(
  `  activities: ${got.rows.length} stored, ${want.rows.length} expected; lost ${lost.length}, extra ${extra.length}; same start and sport twice: ${got.starts.n - got.starts.d} (sequential import: ${want.starts.n - want.starts.d}); integrity ${got.integrity}`,
);
if (got.starts.n - got.starts.d !== want.starts.n - want.starts.d)
  failures.push("an activity is stored twice");
if (lost.length || extra.length) failures.push(`lost ${lost.length}, extra ${extra.length}`);
if (got.integrity !== "ok") failures.push(`integrity_check: ${got.integrity}`);
if (reads < MIN_READS) failures.push(`only ${reads} reads before the ${MAX_MS / 1000} s bound`);
for (const f of failures.slice(0, 20)) console.log(`  FAIL ${f}`);
console.log(
  failures.length === 0 ? "  ok: no 5xx, nothing lost, nothing duplicated" : `  ${failures.length} failures`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
