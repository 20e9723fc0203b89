import { weekStart } from "./dates.ts";
import { type Explanation, explain } from "./correlation-text.ts";
import { holm, wilsonInterval, type Proportion } from "./inference.ts";
import { mantelHaenszelRiskRatio, type Stratum } from "./mantel-haenszel.ts";
import type { RunPainOutcome } from "./pain-outcomes.ts";
import { powerForRr3 } from "./power.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import { cellsOf, countsPass, rawP, ratioOf, verdictOf, type Cells, type Verdict } from "./verdict-rule.ts";
import { missingData } from "./missing-data.ts";

export type { Verdict } from "./verdict-rule.ts";

/** The fixed hypotheses: exposure flag → pain within 0–48 h. */
export type Hypothesis = "overstriding" | "mileage_spike";
export const HYPOTHESES: readonly Hypothesis[] = ["overstriding", "mileage_spike"];

/** The answer from logged days only (no assumed zeros), beside the main one. */
export interface CompleteCase {
  verdict: Verdict;
  eligibleRuns: number;
  flaggedWithPain: number;
  flaggedRuns: number;
  unflaggedWithPain: number;
  unflaggedRuns: number;
}

/** Overstriding's risk ratio adjusted for mileage spikes (Mantel–Haenszel, strata: spike or not). */
export interface AdjustedRatio {
  stratifiedBy: Hypothesis;
  relativeRisk: number | null;
  ci95: [number, number] | null;
}

/** How the two flags overlap among the eligible runs where both can be judged. */
export interface FlagOverlap {
  both: number;
  thisOnly: number;
  otherOnly: number;
  neither: number;
}

/** One hypothesis's result: the `GET /api/insights` `correlations[]` item, plus the detail behind it. */
export interface CorrelationResult {
  hypothesis: Hypothesis;
  verdict: Verdict;
  eligibleRuns: number;
  flaggedRuns: number;
  flaggedWithPain: number;
  unflaggedRuns: number;
  unflaggedWithPain: number;
  relativeRisk: number | null;
  ci95: [number, number] | null;
  /** Fisher's exact p, Holm-adjusted across the fixed hypotheses. */
  pValue: number | null;
  pValueRaw: number | null;
  /** Exact one-sided p of the within-week permutation test (flags shuffled within weeks). */
  permutationP: number | null;
  flaggedRisk: Proportion;
  unflaggedRisk: Proportion;
  explanation: string;
  /** The intervals, p-values and method behind `explanation`, for a "details" toggle. */
  explanationDetails: string;
  /** What is still needed before a verdict (empty once the minimum-data rule is met). */
  missing: string[];
  /** Chance that a real tripling of risk would be called `linked` with tables this size (simulated grid). */
  powerForRr3: number;
  /** Runs whose pain-log window is empty (logging after them would add data). */
  unloggedRuns: number;
  /** Eligible pain-free runs whose outcome rests only on days assumed pain-free under a declaration. */
  assumedPainFreeRuns: number;
  /** ... of which the declaration was made afterwards. */
  retrospectiveRuns: number;
  /** Eligible runs whose outcome rests on entries written > 3 days late. */
  recalledOutcomes: number;
  completeCase: CompleteCase;
  /** How many of the assumed pain-free runs would have to have been pain days to change the verdict (null: none would). */
  painDaysToChange: number | null;
  adjusted: AdjustedRatio | null;
  overlap: FlagOverlap | null;
  flaggedRunIds: number[];
  painRunIds: number[];
}

/** exposure per run id: true flagged, false not, null unknowable (no cadence data, no recent base). */
export type Exposure = ReadonlyMap<number, boolean | null>;

interface Row {
  runId: number;
  week: string;
  flagged: boolean;
  pain: boolean;
  assumed: boolean;
  retrospective: boolean;
  recalled: boolean;
}

interface Table {
  rows: Row[];
  unlogged: number;
}

export interface CorrelateOptions {
  /** Outcomes from logged days only; omitted when nothing was assumed (then it is the main table). */
  completeCase?: readonly RunPainOutcome[];
}

function tabulate(exposure: Exposure, outcomes: readonly RunPainOutcome[]): Table {
  const rows: Row[] = [];
  let unlogged = 0;
  for (const o of outcomes) {
    const flagged = exposure.get(o.runId);
    if (flagged === null || flagged === undefined) continue;
    if (o.startedPainFree && !o.covered) unlogged++;
    if (!o.eligible) continue;
    rows.push({
      runId: o.runId,
      week: weekStart(o.localDate),
      flagged,
      pain: o.painEvent,
      assumed: (o.outcomeAssumed ?? false) && !o.painEvent,
      retrospective: (o.outcomeRetrospective ?? false) && !o.painEvent,
      recalled: o.outcomeRecalled ?? false,
    });
  }
  return { rows, unlogged };
}

/** Fisher p of each table, Holm-adjusted over the fixed family (a table without a p counts as p = 1). */
function adjustedPs(tables: readonly Table[]): { raw: number[]; adjusted: (number | null)[] } {
  const raw = tables.map((t) => rawP(cellsOf(t.rows)));
  const holmed = holm(raw.map((p) => (Number.isFinite(p) ? p : 1)));
  return { raw, adjusted: raw.map((p, i) => (Number.isFinite(p) ? (holmed[i] as number) : null)) };
}

/** Correlates each fixed hypothesis with pain (science.md §5). */
export function correlateAll(
  exposures: ReadonlyMap<Hypothesis, Exposure>,
  outcomes: readonly RunPainOutcome[],
  overrides: Partial<Thresholds> = {},
  options: CorrelateOptions = {},
): CorrelationResult[] {
  const t = withDefaults(overrides);
  const hypotheses = HYPOTHESES.filter((h) => exposures.has(h));
  const tables = hypotheses.map((h) => tabulate(exposures.get(h) ?? new Map(), outcomes));
  const { raw, adjusted } = adjustedPs(tables);
  const ccTables = options.completeCase
    ? hypotheses.map((h) => tabulate(exposures.get(h) ?? new Map(), options.completeCase ?? []))
    : tables;
  const cc = adjustedPs(ccTables);
  return hypotheses.map((h, i) => {
    const other = hypotheses.find((x) => x !== h);
    const ccTable = ccTables[i] as Table;
    const ccCells = cellsOf(ccTable.rows);
    const completeCase: CompleteCase = {
      verdict: verdictOf(ccTable.rows, ccCells, cc.adjusted[i] ?? null, t).verdict,
      ...countsOf(ccCells),
    };
    const otherExposure = other === undefined ? undefined : exposures.get(other);
    return result(h, tables[i] as Table, raw[i] as number, adjusted[i] ?? null, hypotheses.length, t, {
      completeCase,
      otherExposure,
      otherName: other,
    });
  });
}

function countsOf([a, b, c, d]: Cells): Omit<CompleteCase, "verdict"> {
  return {
    eligibleRuns: a + b + c + d,
    flaggedWithPain: a,
    flaggedRuns: a + b,
    unflaggedWithPain: c,
    unflaggedRuns: c + d,
  };
}

interface Extras {
  completeCase: CompleteCase;
  otherExposure: Exposure | undefined;
  otherName: Hypothesis | undefined;
}

function result(
  hypothesis: Hypothesis,
  table: Table,
  rawPValue: number,
  p: number | null,
  tested: number,
  t: Thresholds,
  extras: Extras,
): CorrelationResult {
  const cells = cellsOf(table.rows);
  const [a, b, c, d] = cells;
  const rr = ratioOf(cells);
  const missing = missingData(hypothesis, cells, table.unlogged, t);
  const { verdict, permutationP } = verdictOf(table.rows, cells, p, t);
  const power = powerForRr3(
    a + b + c + d,
    a + b + c + d > 0 ? (a + b) / (a + b + c + d) : 0.3,
    c > 0 ? c / (c + d) : 0.2,
  );
  const assumed = table.rows.filter((r) => r.assumed);
  const counts = {
    hypothesis,
    verdict,
    eligibleRuns: table.rows.length,
    flaggedRuns: a + b,
    flaggedWithPain: a,
    unflaggedRuns: c + d,
    unflaggedWithPain: c,
    relativeRisk: rr?.rr ?? null,
    ci95: rr ? ([rr.lo, rr.hi] as [number, number]) : null,
    pValue: p,
  };
  const extra = {
    permutationP,
    assumedPainFreeRuns: assumed.length,
    retrospectiveRuns: table.rows.filter((r) => r.retrospective).length,
    recalledOutcomes: table.rows.filter((r) => r.recalled).length,
    completeCase: extras.completeCase,
    painDaysToChange: painDaysToChange(verdict, cells, assumed, tested, t),
    adjusted:
      hypothesis === "overstriding" && extras.otherExposure && extras.otherName
        ? adjustedFor(table.rows, extras.otherExposure, extras.otherName)
        : null,
    overlap: extras.otherExposure ? overlapWith(table.rows, extras.otherExposure) : null,
  };
  return {
    ...counts,
    ...extra,
    pValueRaw: Number.isFinite(rawPValue) ? rawPValue : null,
    flaggedRisk: wilsonInterval(a, a + b),
    unflaggedRisk: wilsonInterval(c, c + d),
    ...explanationOf(explain({ ...counts, ...extra, hypothesesTested: tested, missing, power })),
    missing,
    powerForRr3: power,
    unloggedRuns: table.unlogged,
    flaggedRunIds: table.rows.filter((r) => r.flagged).map((r) => r.runId),
    painRunIds: table.rows.filter((r) => r.pain).map((r) => r.runId),
  };
}

const explanationOf = (e: Explanation): { explanation: string; explanationDetails: string } => ({
  explanation: e.text,
  explanationDetails: e.details,
});

/**
 * The tipping point of the assumption: a `linked` verdict is undone by pain after k of the assumed pain-free
 * unflagged runs; a `no_clear_link` becomes linked with pain after k assumed pain-free flagged runs. Judged on
 * the counts (CI and Holm-bounded Fisher p); null when no k up to the assumed runs available would do it.
 */
function painDaysToChange(
  verdict: Verdict,
  [a, b, c, d]: Cells,
  assumed: readonly Row[],
  tested: number,
  t: Thresholds,
): number | null {
  if (verdict === "not_enough_data" || assumed.length === 0) return null;
  const pass = (cells: Cells): boolean => countsPass(cells, Math.min(1, tested * rawP(cells)), t);
  if (verdict === "linked") {
    const available = assumed.filter((r) => !r.flagged).length;
    for (let k = 1; k <= available; k++) if (!pass([a, b, c + k, d - k])) return k;
    return null;
  }
  const available = assumed.filter((r) => r.flagged).length;
  for (let k = 1; k <= available; k++) if (pass([a + k, b - k, c, d])) return k;
  return null;
}

function adjustedFor(rows: readonly Row[], stratum: Exposure, by: Hypothesis): AdjustedRatio {
  const strata: Record<"yes" | "no", Stratum> = {
    yes: { a: 0, b: 0, c: 0, d: 0 },
    no: { a: 0, b: 0, c: 0, d: 0 },
  };
  for (const r of rows) {
    const s = stratum.get(r.runId);
    if (s === null || s === undefined) continue;
    const cell = strata[s ? "yes" : "no"];
    if (r.flagged) cell[r.pain ? "a" : "b"]++;
    else cell[r.pain ? "c" : "d"]++;
  }
  const mh = mantelHaenszelRiskRatio([strata.yes, strata.no]);
  return { stratifiedBy: by, relativeRisk: mh?.rr ?? null, ci95: mh ? [mh.lo, mh.hi] : null };
}

function overlapWith(rows: readonly Row[], other: Exposure): FlagOverlap {
  const out: FlagOverlap = { both: 0, thisOnly: 0, otherOnly: 0, neither: 0 };
  for (const r of rows) {
    const o = other.get(r.runId);
    if (o === null || o === undefined) continue;
    if (r.flagged && o) out.both++;
    else if (r.flagged) out.thisOnly++;
    else if (o) out.otherOnly++;
    else out.neither++;
  }
  return out;
}
