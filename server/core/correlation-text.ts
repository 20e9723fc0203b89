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
> &
  Partial<
    Pick<
      CorrelationResult,
      | "assumedPainFreeRuns"
      | "retrospectiveRuns"
      | "recalledOutcomes"
      | "completeCase"
      | "painDaysToChange"
      | "adjusted"
      | "overlap"
    >
  > & {
    /** The exact within-week permutation p. */
    permutationP?: number | null;
    hypothesesTested: number;
    /** Chance these group sizes would reveal a real tripling of risk under the full rule. */
    power?: number;
  };

const pct = (k: number, n: number): string => (n === 0 ? "–" : `${Math.round((100 * k) / n)}%`);
const num = (x: number): string => (x >= 10 ? x.toFixed(1) : x.toFixed(2).replace(/0$/, ""));
const pText = (p: number): string =>
  p < 0.001 ? "p < 0.001" : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
const runs = (n: number): string => `${n} run${n === 1 ? "" : "s"}`;
/** Never "about 0%": below 5% says so. */
const chance = (p: number): string => (p < 0.05 ? "less than 5%" : `about ${Math.round(p * 10) * 10}%`);

const VERDICT_WORDS = {
  linked: "linked",
  no_clear_link: "no clear link",
  not_enough_data: "not enough data",
};

/** The plain-language sentence beside the numbers: counts first, then how sure, then what it means. */
export function explain(x: ExplanationInput): string {
  return [main(x), diaryNotes(x), flagNotes(x)].filter((s) => s !== "").join(" ");
}

function main(x: ExplanationInput): string {
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
  const countsPass = x.ci95 !== null && x.ci95[0] > 1 && x.pValue !== null && x.pValue < 0.05;
  if (countsPass && x.permutationP !== undefined && x.permutationP !== null) {
    return (
      `${counts}${sure} But within each week, pain did not follow these runs clearly more often than the week's other ` +
      `runs (within-week test ${pText(x.permutationP)}): some weeks may simply have been worse than others, so this is not ` +
      `clear enough to call a link yet.`
    );
  }
  const power =
    x.power !== undefined && x.power < 0.8
      ? ` With ${total} runs, even a real tripling of risk would be called a link only ${chance(x.power)} of the time,`
      : ` With ${total} runs a real link can still be missed,`;
  return `${counts}${sure} That is not clear enough to call a link.${power} so keep logging pain and pain-free days.`;
}

function diaryNotes(x: ExplanationInput): string {
  const out: string[] = [];
  const assumed = x.assumedPainFreeRuns ?? 0;
  if (assumed > 0) {
    const late = x.retrospectiveRuns ?? 0;
    out.push(
      `${runs(assumed)} count as pain-free because you declared that you log every day your hip hurts` +
        (late > 0 ? ` (${late} of them from days you declared afterwards)` : "") +
        ".",
    );
    const cc = x.completeCase;
    if (cc) {
      out.push(
        `Counting only the days you logged: pain after ${cc.flaggedWithPain} of ${cc.flaggedRuns} and ${cc.unflaggedWithPain} of ` +
          `${cc.unflaggedRuns} other runs, ${VERDICT_WORDS[cc.verdict]}.`,
      );
    }
    if (x.painDaysToChange !== null && x.painDaysToChange !== undefined) {
      out.push(
        x.verdict === "linked"
          ? `If ${x.painDaysToChange} of the other runs counted as pain-free had in fact been followed by pain, this would no longer be called a link.`
          : `If ${x.painDaysToChange} of the ${GROUPS[x.hypothesis].flagged} counted as pain-free had in fact been followed by pain, this would be called a link.`,
      );
    }
  }
  const recalled = x.recalledOutcomes ?? 0;
  if (recalled > 0)
    out.push(`${runs(recalled)} rest on entries written more than 3 days later (recalled, so less certain).`);
  return out.join(" ");
}

function flagNotes(x: ExplanationInput): string {
  const out: string[] = [];
  const a = x.adjusted;
  if (a && a.relativeRisk !== null && a.ci95 !== null && x.verdict !== "not_enough_data") {
    out.push(
      `Allowing for mileage spikes (Mantel–Haenszel), pain was ${num(a.relativeRisk)} times as likely (95% CI ${num(a.ci95[0])} to ${num(a.ci95[1])}).`,
    );
  }
  if (x.overlap && x.overlap.both > 0 && x.hypothesis === "overstriding") {
    out.push(`${runs(x.overlap.both)} had both low cadence and a mileage spike.`);
  }
  return out.join(" ");
}
