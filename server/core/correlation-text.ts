import type { CorrelationResult, Hypothesis } from "./correlation.ts";

const GROUPS: Record<Hypothesis, { flagged: string; short: string }> = {
  overstriding: { flagged: "runs with low cadence for your speed", short: "a low-cadence run" },
  mileage_spike: { flagged: "runs with a mileage spike", short: "a spike" },
};

/** The result's counts and statistics, and what explain() needs beyond them. */
export type ExplanationInput = Pick<
  CorrelationResult,
  | "hypothesis"
  | "verdict"
  | "flaggedRuns"
  | "flaggedWithPain"
  | "unflaggedRuns"
  | "unflaggedWithPain"
  | "relativeRisk"
  | "ci95"
  | "pValue"
  | "missing"
> & {
  /** Set when the within-week shuffle was run and did not confirm the link. */
  permutationP?: number | null;
  hypothesesTested: number;
  /** Chance these group sizes would reveal a real tripling of risk. */
  power?: number;
};

const pct = (k: number, n: number): string => (n === 0 ? "–" : `${Math.round((100 * k) / n)}%`);
const num = (x: number): string => (x >= 10 ? x.toFixed(1) : x.toFixed(2).replace(/0$/, ""));
const pText = (p: number): string =>
  p < 0.001 ? "p < 0.001" : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;

/** The plain-language sentence beside the numbers: counts first, then how sure, then what it means. */
export function explain(x: ExplanationInput): string {
  const group = GROUPS[x.hypothesis];
  const counts =
    `Pain followed ${x.flaggedWithPain} of ${x.flaggedRuns} ${group.flagged} (${pct(x.flaggedWithPain, x.flaggedRuns)}) ` +
    `and ${x.unflaggedWithPain} of ${x.unflaggedRuns} other runs (${pct(x.unflaggedWithPain, x.unflaggedRuns)}).`;
  if (x.verdict === "not_enough_data") {
    return `${counts} Not enough data yet to say either way: this needs ${x.missing.join(", ")}.`;
  }
  const total = x.flaggedRuns + x.unflaggedRuns;
  const sure =
    x.relativeRisk !== null && x.ci95 !== null && x.pValue !== null
      ? ` Pain was ${num(x.relativeRisk)} times as likely after ${group.short} (95% CI ${num(x.ci95[0])} to ${num(x.ci95[1])}; ` +
        `${pText(x.pValue)} after allowing for testing ${x.hypothesesTested} ideas).`
      : "";
  if (x.verdict === "linked") {
    return `${counts}${sure} In your data the two go together; that is an association, not proof that one causes the other.`;
  }
  if (x.permutationP !== undefined && x.permutationP !== null) {
    return (
      `${counts}${sure} But within each week, pain did not follow these runs clearly more often than the week's other ` +
      `runs (shuffle test ${pText(x.permutationP)}): some weeks may simply have been worse than others, so this is not ` +
      `clear enough to call a link yet.`
    );
  }
  const power =
    x.power !== undefined && x.power < 0.8
      ? ` With ${total} runs, even a real tripling of risk would show up only about ${Math.round(x.power * 10) * 10}% of the time,`
      : ` With ${total} runs a real link can still be missed,`;
  return `${counts}${sure} That is not clear enough to call a link.${power} so keep logging pain and pain-free days.`;
}
