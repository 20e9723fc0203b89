import { weekStart } from "./dates.ts";
import { explain } from "./correlation-text.ts";
import {
  fisherExact,
  holm,
  powerForRiskRatio,
  riskRatio,
  wilsonInterval,
  type Proportion,
} from "./inference.ts";
import type { RunPainOutcome } from "./pain-outcomes.ts";
import { blockPermutationP } from "./permutation.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";

/** The fixed hypotheses: exposure flag → pain within 0–48 h. */
export type Hypothesis = "overstriding" | "mileage_spike";
export const HYPOTHESES: readonly Hypothesis[] = ["overstriding", "mileage_spike"];
export type Verdict = "linked" | "no_clear_link" | "not_enough_data";

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
  /** One-sided p of the within-week block permutation guard (computed only when the other tests pass). */
  permutationP: number | null;
  flaggedRisk: Proportion;
  unflaggedRisk: Proportion;
  explanation: string;
  /** What is still needed before a verdict (empty once the minimum-data rule is met). */
  missing: string[];
  /** Rough chance that tables this size would show a real tripling of risk (normal approximation). */
  powerForRr3: number;
  /** Runs whose pain-log window is empty (logging after them would add data). */
  unloggedRuns: number;
  flaggedRunIds: number[];
  painRunIds: number[];
}

/** exposure per run id: true flagged, false not, null unknowable (no cadence data, no recent base). */
export type Exposure = ReadonlyMap<number, boolean | null>;

interface Counts {
  rows: Array<{ runId: number; week: string; flagged: boolean; pain: boolean }>;
  unlogged: number;
}

function tabulate(exposure: Exposure, outcomes: readonly RunPainOutcome[]): Counts {
  const rows: Counts["rows"] = [];
  let unlogged = 0;
  for (const o of outcomes) {
    const flagged = exposure.get(o.runId);
    if (flagged === null || flagged === undefined) continue;
    if (o.startedPainFree && !o.covered) unlogged++;
    if (o.eligible) rows.push({ runId: o.runId, week: weekStart(o.localDate), flagged, pain: o.painEvent });
  }
  return { rows, unlogged };
}

/** Correlates each fixed hypothesis with pain, Holm-adjusting Fisher's p across them (science.md §5). */
export function correlateAll(
  exposures: ReadonlyMap<Hypothesis, Exposure>,
  outcomes: readonly RunPainOutcome[],
  overrides: Partial<Thresholds> = {},
  seed = 1,
): CorrelationResult[] {
  const t = withDefaults(overrides);
  const hypotheses = HYPOTHESES.filter((h) => exposures.has(h));
  const tables = hypotheses.map((h) => tabulate(exposures.get(h) ?? new Map(), outcomes));
  const raw = tables.map(({ rows }) => {
    const [a, b, c, d] = cells(rows);
    return a + b > 0 && c + d > 0 ? fisherExact(a, b, c, d) : Number.NaN;
  });
  // The family is fixed in advance: a hypothesis without a p-value still counts in it (as p = 1).
  const adjusted = holm(raw.map((p) => (Number.isFinite(p) ? p : 1)));
  return hypotheses.map((h, i) =>
    result(h, tables[i] as Counts, raw[i] as number, adjusted[i] as number, hypotheses.length, t, seed),
  );
}

function cells(rows: Counts["rows"]): [number, number, number, number] {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (const r of rows) {
    if (r.flagged && r.pain) a++;
    else if (r.flagged) b++;
    else if (r.pain) c++;
    else d++;
  }
  return [a, b, c, d];
}

function result(
  hypothesis: Hypothesis,
  table: Counts,
  rawP: number,
  holmP: number,
  tested: number,
  t: Thresholds,
  seed: number,
): CorrelationResult {
  const [a, b, c, d] = cells(table.rows);
  // With no pain events (or pain after every run) a ratio means nothing, corrected cells or not.
  const rr = a + c > 0 && b + d > 0 ? riskRatio(a, b, c, d) : null;
  const missing = missingData(hypothesis, a + b, c + d, a + c, table.unlogged, t);
  const p = Number.isFinite(rawP) ? holmP : null;
  let verdict: Verdict = missing.length > 0 ? "not_enough_data" : "no_clear_link";
  let permutationP: number | null = null;
  if (verdict === "no_clear_link" && rr !== null && rr.lo > 1 && p !== null && p < t.alpha) {
    permutationP = blockPermutationP(table.rows, a, t.permutations, seed);
    if (permutationP < t.alpha) verdict = "linked";
  }
  // Baseline risk for the power estimate: the unflagged runs' own, or 20% before there is any.
  const power = powerForRiskRatio(a + b, c + d, c + d > 0 && c > 0 ? c / (c + d) : 0.2);
  const core = {
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
  return {
    ...core,
    pValueRaw: Number.isFinite(rawP) ? rawP : null,
    permutationP,
    flaggedRisk: wilsonInterval(a, a + b),
    unflaggedRisk: wilsonInterval(c, c + d),
    explanation: explain({ ...core, permutationP, hypothesesTested: tested, missing, power }),
    missing,
    powerForRr3: power,
    unloggedRuns: table.unlogged,
    flaggedRunIds: table.rows.filter((r) => r.flagged).map((r) => r.runId),
    painRunIds: table.rows.filter((r) => r.pain).map((r) => r.runId),
  };
}

function missingData(
  h: Hypothesis,
  flagged: number,
  unflagged: number,
  events: number,
  unlogged: number,
  t: Thresholds,
): string[] {
  const out: string[] = [];
  const eligible = flagged + unflagged;
  const noun = h === "overstriding" ? "with low cadence for your speed" : "with a mileage spike";
  const plural = (n: number, word: string): string => `${n} more ${word}${n === 1 ? "" : "s"}`;
  if (eligible < t.minEligibleRuns) {
    const need = t.minEligibleRuns - eligible;
    out.push(
      unlogged > 0
        ? `${plural(need, "run")} with the pain log filled in (log pain or a pain-free day after ${Math.min(need, unlogged)} of your ${unlogged} unlogged runs)`
        : `${plural(need, "run")} that started pain-free, with pain or a pain-free day logged within 2 days after`,
    );
  }
  if (flagged < t.minFlaggedRuns) out.push(`${plural(t.minFlaggedRuns - flagged, "run")} ${noun}`);
  if (unflagged < t.minUnflaggedRuns)
    out.push(`${plural(t.minUnflaggedRuns - unflagged, "run")} without one`);
  if (events < t.minPainEvents)
    out.push(
      `${t.minPainEvents - events} more pain event${t.minPainEvents - events === 1 ? "" : "s"} (pain ≥ 3/10 after a run)`,
    );
  return out;
}
