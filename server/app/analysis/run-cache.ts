import { expectedCadence, fitCadenceModel, type CadenceModel } from "../../core/cadence-model.ts";
import { analyseRunCadence } from "../../core/insights.ts";
import type { CadenceAnalysis } from "../../core/overstriding.ts";
import { runTrendPoint, trendReferenceSpeed, type RunTrendPoint } from "../../core/trends.ts";
import type { Run } from "../../core/types.ts";
import type { ActivitiesRepo } from "../../db/activities-repo.ts";
import type { AnalysisRepo } from "../../db/analysis-repo.ts";
import type { Db } from "../../db/open.ts";
import { loadSamples } from "../load-activity.ts";

/** Bump when the per-run analysis changes meaning, so every cached result is recomputed. */
const ANALYSIS_VERSION = 2;
/** The personal model reads the 100 most recent runs with enough running; this many leaves room for short ones. */
export const MODEL_WINDOW_RUNS = 150;

export interface CachedRun {
  cadence: CadenceAnalysis;
  trend: RunTrendPoint;
}

/** The model and reference speed the cached results were made under. */
export interface AnalysisBasis {
  model: CadenceModel;
  refSpeed: number;
}

export interface PerRunResults extends AnalysisBasis {
  cadence: Map<number, CadenceAnalysis>;
  trendPoints: Map<number, RunTrendPoint>;
  computed: number;
}

/** The cache only saves time: on a read-only or full disk the results are still served, just not kept. */
function saveToCache(db: Db, write: () => void): void {
  try {
    db.transaction(write);
  } catch (err) {
    if (!String((err as { code?: unknown }).code).startsWith("SQLITE_")) throw err;
  }
}

/** A 31-bit FNV-1a hash: the cache key of everything a per-run result depends on. */
function hashKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1;
}

/** Speeds the comparison looks at: the range runners' cadence models are fitted over. */
const COMPARE_SPEEDS_MPS = [2, 2.5, 3, 3.5, 4, 4.5, 5];

/**
 * Whether a refit says the same as the model already used: within 0.5 spm (0.3%, against the 5% flag
 * threshold) at every speed, and the same reference speed within 0.05 m/s. One more run
 * then costs one run's analysis, not a recomputation of the whole history.
 */
function sameBasis(a: AnalysisBasis, b: AnalysisBasis): boolean {
  if (a.model.kind !== b.model.kind || Math.abs(a.refSpeed - b.refSpeed) > 0.05) return false;
  return COMPARE_SPEEDS_MPS.every(
    (v) => Math.abs(expectedCadence(a.model, v) - expectedCadence(b.model, v)) < 0.5,
  );
}

/** The run with its series read from its original; a run prepared at import needs none. */
function loadSeries(activities: ActivitiesRepo, run: Run): Run {
  if (run.prepared) return run;
  const samples = loadSamples(activities, run);
  return { ...run, series: samples.count > 0 ? samples : null };
}

/** The runs the model is fitted on: the most recent ones. */
export function modelWindow(runs: readonly Run[]): readonly Run[] {
  return runs.slice(-MODEL_WINDOW_RUNS);
}

/** The key a fit over these window runs is kept under: their summaries, so a restart with the same runs reads none. */
export function fittedKey(window: readonly Run[]): number {
  return hashKey(
    JSON.stringify([ANALYSIS_VERSION, window.map((r) => [r.id, r.startUtc, r.distanceM, r.timerS])]),
  );
}

/**
 * The model fitted on the most recent runs, and the runs whose series were loaded for it. The fit is kept
 * under a key of those runs' summaries, so a restart with the same runs reads no series at all.
 */
function recentModel(
  db: Db,
  activities: ActivitiesRepo,
  cache: AnalysisRepo,
  runs: readonly Run[],
  preloaded: ReadonlyMap<number, Run>,
): { model: CadenceModel; loaded: Run[] } {
  const window = modelWindow(runs);
  const key = fittedKey(window);
  const saved = cache.state("fitted");
  if (saved?.key === key) return { model: saved.value as CadenceModel, loaded: [] };
  const loaded = window.map((r) => preloaded.get(r.id) ?? loadSeries(activities, r));
  const model = fitCadenceModel(loaded);
  if (lossless(model)) saveToCache(db, () => cache.putState("fitted", key, model));
  return { model, loaded };
}

/** JSON would bring a NaN or an infinity back as null: such a value is not kept. */
function lossless(value: unknown): boolean {
  let ok = true;
  JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) ok = false;
    return v;
  });
  return ok;
}

/** One run's cached result: what perRunResults and the analysis workers both compute. */
export function computeRunResult(run: Run, basis: AnalysisBasis): CachedRun {
  return {
    cadence: analyseRunCadence(run, basis.model),
    trend: runTrendPoint(run, basis.model, basis.refSpeed),
  };
}

/** A run analysed under a plan, its series from the model's fit when that read it already, else from disk. */
export function analysePlanned(activities: ActivitiesRepo, plan: AnalysisPlan, run: Run): CachedRun {
  return computeRunResult(plan.recent.get(run.id) ?? loadSeries(activities, run), plan.basis);
}

/** What the per-run results of these runs are made under, and the runs read for the model's refit. */
export interface AnalysisPlan {
  basis: AnalysisBasis;
  /** The cache key of every result made under `basis`. */
  key: number;
  recent: Map<number, Run>;
}

export function planAnalysis(
  db: Db,
  activities: ActivitiesRepo,
  cache: AnalysisRepo,
  runs: readonly Run[],
  previous: AnalysisBasis | null = null,
  preloaded: ReadonlyMap<number, Run> = new Map(),
): AnalysisPlan {
  const { model: refit, loaded } = recentModel(db, activities, cache, runs, preloaded);
  const fitted: AnalysisBasis = { model: refit, refSpeed: trendReferenceSpeed(runs, refit) };
  // The basis in use, whichever process set it: kept while a refit says the same.
  const stored = cache.state("basis");
  const prior = previous ?? (stored?.value as AnalysisBasis | undefined) ?? null;
  const basis = prior && sameBasis(prior, fitted) ? prior : fitted;
  const key = hashKey(JSON.stringify([ANALYSIS_VERSION, basis.model, basis.refSpeed]));
  if (stored?.key !== key && lossless(basis)) {
    saveToCache(db, () => cache.putState("basis", key, basis));
  }
  return { basis, key, recent: new Map(loaded.map((r) => [r.id, r])) };
}

/** Keeps freshly computed results, if the disk lets it. */
export function saveResults(
  db: Db,
  cache: AnalysisRepo,
  key: number,
  fresh: readonly (readonly [number, CachedRun])[],
): void {
  if (fresh.length === 0) return;
  saveToCache(db, () => {
    for (const [id, result] of fresh) cache.put(id, key, result);
  });
}

/**
 * The cadence model and each run's cadence findings and trend point. Only the recent runs the model
 * reads, and runs whose cached result was made under another model, have their series loaded: a
 * long history costs one pass after a change and none after that.
 */
export function perRunResults(
  db: Db,
  activities: ActivitiesRepo,
  cache: AnalysisRepo,
  runs: readonly Run[],
  previous: AnalysisBasis | null = null,
): PerRunResults {
  const plan = planAnalysis(db, activities, cache, runs, previous);
  const { basis, key } = plan;
  const cadence = new Map<number, CadenceAnalysis>();
  const trendPoints = new Map<number, RunTrendPoint>();
  const fresh: [number, CachedRun][] = [];
  for (const run of runs) {
    let result = cache.get(run.id, key) as CachedRun | null;
    if (!result) {
      result = analysePlanned(activities, plan, run);
      fresh.push([run.id, result]);
    }
    cadence.set(run.id, result.cadence);
    trendPoints.set(run.id, result.trend);
  }
  saveResults(db, cache, key, fresh);
  return { ...basis, cadence, trendPoints, computed: fresh.length };
}
