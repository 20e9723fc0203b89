import { parseFit } from "../../fit-parser/index.ts";
import type { Activity, ParseResult } from "../../fit-parser/index.ts";
import { PARSE_ERROR_CODES as CODES } from "../../fit-parser/types.ts";
import { importSources } from "../../server/app/import-sources.ts";
import { loadActivity } from "../../server/app/load-activity.ts";
import { createActivitiesRepo } from "../../server/db/activities-repo.ts";
import type { Db } from "../../server/db/open.ts";
import { seededRandom } from "../../server/core/random.ts";
import { MUTATION_KINDS, fingerprint, mutate, type Mutant } from "./mutate.ts";

// Shared by tests/reliability/fuzz.test.ts (a small seeded set) and scripts/fuzz.mjs (the full run).

export const PARSE_ERROR_CODES: ReadonlySet<string> = new Set(CODES);

/** Codes the import pipeline may add on top of the parser's. */
export const IMPORT_CODES = new Set([...PARSE_ERROR_CODES, "no-activity", "same-file", "same-activity"]);

export interface FuzzFile {
  name: string;
  bytes: Uint8Array;
}

export interface FuzzOptions {
  seed: number;
  cases: number;
  files: readonly FuzzFile[];
  /** Every n-th case also goes through importSources into `db`. */
  importEvery: number;
  db: Db;
  /** A parse slower than this (or than 3× the unmutated file's parse, if longer) is a hang. */
  maxParseMs: number;
  onProgress?: (done: number) => void;
}

export interface FuzzFinding {
  source: string;
  mutant: string;
  problem: string;
}

export interface FuzzReport {
  cases: number;
  parsedOk: number;
  rejected: Record<string, number>;
  byKind: Record<string, number>;
  /** Per mutation kind, how many parsed ("ok") or were rejected with each code. */
  outcomes: Record<string, Record<string, number>>;
  maxParseMs: number;
  slowest: string;
  /** Parses over 2 s (allowed only for files whose unmutated parse is itself slow). */
  overTwoSeconds: number;
  /** The unmutated file's parse time for the slowest file, for scale. */
  baselineMs: Record<string, number>;
  imported: number;
  findings: FuzzFinding[];
  /** Per mutation kind, the most one parse grew the process (RSS and V8 heap in use, bytes; GC may hide some). */
  memory: Record<string, { rss: number; heap: number }>;
}

const finiteOrNull = (v: unknown): boolean => v === null || (typeof v === "number" && Number.isFinite(v));

function checkSummary(a: Activity, problems: string[]): void {
  for (const [key, value] of Object.entries(a)) {
    if (typeof value === "number" && !Number.isFinite(value)) problems.push(`${key} is ${value}`);
  }
  if (!Number.isFinite(Date.parse(a.startUtc))) problems.push(`startUtc "${a.startUtc}" is not a date`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.localDate)) problems.push(`localDate "${a.localDate}"`);
  if (a.avgCadenceSpm !== null && (a.avgCadenceSpm < 60 || a.avgCadenceSpm > 260) && a.avgCadenceSpm !== 0) {
    problems.push(`avgCadenceSpm ${a.avgCadenceSpm}`);
  }
  a.laps.forEach((lap, i) => {
    for (const [key, value] of Object.entries(lap)) {
      if (key !== "startUtc" && !finiteOrNull(value)) problems.push(`lap ${i} ${key} is ${String(value)}`);
    }
  });
}

function checkSamples(a: Activity, problems: string[]): void {
  const s = a.samples;
  const columns = Object.entries(s).filter(([k]) => k !== "count") as [string, ArrayLike<number>][];
  for (const [key, col] of columns) if (col.length !== s.count) problems.push(`${key} has ${col.length}`);
  let lastDistance = -Infinity;
  for (let i = 0; i < s.count; i++) {
    const t = s.timeS[i] as number;
    if (!Number.isFinite(t)) problems.push(`timeS[${i}] is ${t}`);
    if (i > 0 && !(t > (s.timeS[i - 1] as number))) problems.push(`timeS not increasing at ${i}`);
    const d = s.distanceM[i] as number;
    if (!Number.isNaN(d)) {
      if (d < lastDistance) problems.push(`distanceM decreases at ${i}`);
      lastDistance = d;
    }
    const lat = s.latDeg[i] as number;
    const lon = s.lonDeg[i] as number;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) problems.push(`position ${lat},${lon} at ${i}`);
    const c = s.cadenceSpm[i] as number;
    if (!Number.isNaN(c) && c !== 0 && (c < 60 || c > 260)) problems.push(`cadence ${c} at ${i}`);
    if (problems.length > 5) return;
  }
}

/** What is wrong with a parse result (empty when it is a clean success or a known rejection). */
export function invariantProblems(result: ParseResult): string[] {
  if (!result.ok) {
    const problems: string[] = [];
    if (!PARSE_ERROR_CODES.has(result.code)) problems.push(`unknown code ${result.code}`);
    if (typeof result.message !== "string" || result.message.length < 10) problems.push("no message");
    return problems;
  }
  const problems: string[] = [];
  if (result.activities.length === 0) problems.push("ok with no activity");
  for (const a of result.activities) {
    checkSummary(a, problems);
    checkSamples(a, problems);
  }
  return problems.slice(0, 6);
}

/** The database holds nothing partial: every activity reads back from its original, every file has an activity. */
export function storageProblems(db: Db): string[] {
  const q = (sql: string): unknown[] => db.sqlite.prepare(sql).all();
  const problems: string[] = [];
  const integrity = q("PRAGMA integrity_check") as { integrity_check: string }[];
  if (integrity[0]?.integrity_check !== "ok") problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
  if (q("PRAGMA foreign_key_check").length > 0) problems.push("foreign_key_check failed");
  const orphans = q(
    "SELECT f.id FROM files f WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.file_id = f.id)",
  );
  if (orphans.length > 0) problems.push(`${orphans.length} files without an activity`);
  // Series are read from the original: each stored activity's original must still give its samples.
  const repo = createActivitiesRepo(db);
  const unreadable = repo
    .list({ limit: -1 })
    .filter((a) => (loadActivity(repo, a.id)?.samples.count ?? -1) !== a.sampleCount);
  if (unreadable.length > 0)
    problems.push(`${unreadable.length} activities whose original no longer gives their samples`);
  return problems;
}

function caseFor(
  i: number,
  rng: () => number,
  files: readonly FuzzFile[],
): { source: string; mutant: Mutant } {
  const kind = MUTATION_KINDS[i % MUTATION_KINDS.length] ?? "bit-flips";
  // Cycle files independently of kinds, so every file meets every mutation.
  const file = files[Math.floor(i / MUTATION_KINDS.length) % files.length] as FuzzFile;
  const random = kind === "random-bytes" || kind === "random-fit";
  return { source: random ? "(random)" : file.name, mutant: mutate(kind, rng, file.bytes) };
}

/** Runs the seeded cases: parse each with a time bound and invariants, import a share, then check the DB. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const rng = seededRandom(opts.seed);
  const report: FuzzReport = {
    cases: 0,
    parsedOk: 0,
    rejected: {},
    byKind: {},
    outcomes: {},
    maxParseMs: 0,
    slowest: "",
    overTwoSeconds: 0,
    baselineMs: {},
    imported: 0,
    findings: [],
    memory: {},
  };
  for (const f of opts.files) {
    const started = performance.now();
    parseFit(f.bytes);
    report.baselineMs[f.name] = performance.now() - started;
  }
  const boundMs = (source: string): number => Math.max(opts.maxParseMs, 3 * (report.baselineMs[source] ?? 0));
  let batch: FuzzFile[] = [];
  const flush = async (): Promise<void> => {
    const out = await importSources(opts.db, batch);
    for (const r of out.results) {
      if (r.status === "imported") report.imported++;
      if (r.code !== undefined && !IMPORT_CODES.has(r.code)) {
        report.findings.push({
          source: r.file,
          mutant: "",
          problem: `import code ${r.code}: ${r.message ?? ""}`,
        });
      }
    }
    batch = [];
  };
  for (let i = 0; i < opts.cases; i++) {
    const { source, mutant } = caseFor(i, rng, opts.files);
    const label = `${mutant.kind} ${mutant.detail} [${fingerprint(mutant.bytes)}]`;
    const before = process.memoryUsage();
    const started = performance.now();
    let result: ParseResult;
    try {
      result = parseFit(mutant.bytes);
    } catch (err) {
      report.findings.push({ source, mutant: label, problem: `threw ${String(err)}` });
      continue;
    }
    const ms = performance.now() - started;
    if (ms > report.maxParseMs) {
      report.maxParseMs = ms;
      report.slowest = `${source}: ${label}`;
    }
    if (ms > 2000) report.overTwoSeconds++;
    if (ms > boundMs(source))
      report.findings.push({ source, mutant: label, problem: `parse took ${ms.toFixed(0)} ms` });
    for (const problem of invariantProblems(result)) report.findings.push({ source, mutant: label, problem });
    report.cases++;
    const used = process.memoryUsage();
    const mem = (report.memory[mutant.kind] ??= { rss: 0, heap: 0 });
    mem.rss = Math.max(mem.rss, used.rss - before.rss);
    mem.heap = Math.max(mem.heap, used.heapUsed - before.heapUsed);
    report.byKind[mutant.kind] = (report.byKind[mutant.kind] ?? 0) + 1;
    const outcome = result.ok ? "ok" : result.code;
    const perKind = (report.outcomes[mutant.kind] ??= {});
    perKind[outcome] = (perKind[outcome] ?? 0) + 1;
    if (result.ok) report.parsedOk++;
    else report.rejected[result.code] = (report.rejected[result.code] ?? 0) + 1;
    if (i % opts.importEvery === 0) batch.push({ name: `case-${i}.fit`, bytes: mutant.bytes });
    if (batch.length >= 20) await flush();
    opts.onProgress?.(i + 1);
  }
  await flush();
  for (const problem of storageProblems(opts.db))
    report.findings.push({ source: "(database)", mutant: "", problem });
  return report;
}
