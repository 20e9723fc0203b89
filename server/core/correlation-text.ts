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
/** Two significant figures, whole numbers from 10: a ratio of 18.16 reads "18", 3.667 reads "3.7". */
export const ratioText = (x: number): string =>
  x >= 10 ? String(Math.round(x)) : x >= 1 ? x.toFixed(1) : x.toPrecision(2);
const pText = (p: number): string =>
  p < 0.001 ? "p < 0.001" : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
const ideas = (n: number): string => `${n} idea${n === 1 ? "" : "s"}`;
const runs = (n: number): string => `${n} run${n === 1 ? "" : "s"}`;
/** Never "about 0%": below 5% says so. */
const chance = (p: number): string => (p < 0.05 ? "less than 5%" : `about ${Math.round(p * 10) * 10}%`);

/** How sure, in words, from the Holm-adjusted p: what a runner reads instead of the p itself. */
export function sureWords(p: number): string {
  if (p < 0.01) return "a gap that big would very rarely come from chance alone";
  if (p < 0.05) return "a gap that big would rarely come from chance alone";
  if (p < 0.2) return "a gap like that could come from chance alone now and then";
  return "a gap like that could easily come from chance alone";
}

/** "about 18 times as likely", "about as likely", "less likely": sensible rounding, no false precision. */
export function timesAsLikely(rr: number): string {
  if (rr >= 1.05) return `about ${ratioText(rr)} times as likely`;
  if (rr > 0.95) return "about as likely";
  return "less likely";
}

const VERDICT_WORDS = {
  linked: "linked",
  no_clear_link: "no clear link",
  not_enough_data: "not enough data",
};

/** A correlation told twice: the plain words a runner reads first, and the figures behind them. */
export interface Explanation {
  /** Counts, how sure in words and what it means: no intervals, no p-values. */
  text: string;
  /** The intervals, p-values and method, for the "details" toggle. */
  details: string;
}

/** The plain-language sentences and, apart, the statistics they rest on. */
export function explain(x: ExplanationInput): Explanation {
  const text = [main(x), diaryNotes(x), flagNotes(x)].filter((s) => s !== "").join(" ");
  return { text, details: details(x) };
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
    x.relativeRisk !== null && x.pValue !== null
      ? ` Pain was ${timesAsLikely(x.relativeRisk)} after ${group.short}, and ${sureWords(x.pValue)}, even allowing for testing ${ideas(x.hypothesesTested)}.`
      : "";
  if (x.verdict === "linked") {
    return `${counts}${sure} In your data the two go together; that is an association, not proof that one causes the other.`;
  }
  const countsPass = x.ci95 !== null && x.ci95[0] > 1 && x.pValue !== null && x.pValue < 0.05;
  if (countsPass && x.permutationP !== undefined && x.permutationP !== null) {
    return (
      `${counts}${sure} But within each week, pain did not follow these runs clearly more often than the week's other ` +
      `runs: some weeks may simply have been worse than others, so this is not clear enough to call a link yet.`
    );
  }
  const power =
    x.power !== undefined && x.power < 0.8
      ? ` With ${total} runs, even a real tripling of risk would be called a link only ${chance(x.power)} of the time,`
      : ` With ${total} runs a real link can still be missed,`;
  return `${counts}${sure} That is not clear enough to call a link.${power} so keep logging pain and pain-free days.`;
}

/** The figures behind the words: risk ratio with its interval, Fisher's p (Holm), the within-week test. */
function details(x: ExplanationInput): string {
  const out: string[] = [];
  if (x.relativeRisk !== null) {
    const ci = x.ci95 ? ` (95% CI ${ratioText(x.ci95[0])} to ${ratioText(x.ci95[1])})` : "";
    out.push(`Risk ratio ${ratioText(x.relativeRisk)}${ci}.`);
  }
  if (x.pValue !== null) {
    out.push(
      `Fisher's exact test ${pText(x.pValue)}, Holm-adjusted for testing ${ideas(x.hypothesesTested)}.`,
    );
  }
  if (x.permutationP !== undefined && x.permutationP !== null) {
    out.push(
      `Within-week shuffle test (runs compared only with runs of the same week) ${pText(x.permutationP)}.`,
    );
  }
  const a = x.adjusted;
  if (a && a.relativeRisk !== null && a.ci95 !== null && x.verdict !== "not_enough_data") {
    out.push(
      `Allowing for mileage spikes (Mantel–Haenszel): risk ratio ${ratioText(a.relativeRisk)} (95% CI ${ratioText(a.ci95[0])} to ${ratioText(a.ci95[1])}).`,
    );
  }
  if (x.power !== undefined && x.verdict !== "not_enough_data") {
    out.push(
      `Chance of calling a real tripling of risk a link with these group sizes: ${Math.round(x.power * 100)}%.`,
    );
  }
  return out.join(" ");
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
      `Allowing for mileage spikes, pain was ${timesAsLikely(a.relativeRisk)} after a low-cadence run.`,
    );
  }
  if (x.overlap && x.overlap.both > 0 && x.hypothesis === "overstriding") {
    out.push(`${runs(x.overlap.both)} had both low cadence and a mileage spike.`);
  }
  return out.join(" ");
}
