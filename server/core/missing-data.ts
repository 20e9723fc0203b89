import type { Hypothesis } from "./correlation.ts";
import type { Thresholds } from "./thresholds.ts";
import type { Cells } from "./verdict-rule.ts";

const plural = (n: number, word: string): string => `${n} more ${word}${n === 1 ? "" : "s"}`;

/** What the minimum-data rule still needs, in the runner's words (empty once it is met). */
export function missingData(h: Hypothesis, [a, b, c, d]: Cells, unlogged: number, t: Thresholds): string[] {
  const out: string[] = [];
  const eligible = a + b + c + d;
  const noun = h === "overstriding" ? "with low cadence for your speed" : "with a mileage spike";
  if (eligible < t.minEligibleRuns) {
    const need = t.minEligibleRuns - eligible;
    out.push(
      unlogged > 0
        ? `${plural(need, "run")} with the pain log filled in (log pain or a pain-free day after ${Math.min(need, unlogged)} of your ${unlogged} unlogged runs, or declare that you log every day your hip hurts)`
        : `${plural(need, "run")} that started pain-free, with pain or a pain-free day logged within 2 days after`,
    );
  }
  if (a + b < t.minFlaggedRuns) out.push(`${plural(t.minFlaggedRuns - a - b, "run")} ${noun}`);
  if (c + d < t.minUnflaggedRuns) out.push(`${plural(t.minUnflaggedRuns - c - d, "run")} without one`);
  if (a + c < t.minPainEvents)
    out.push(
      `${t.minPainEvents - a - c} more pain event${t.minPainEvents - a - c === 1 ? "" : "s"} (a flare of 3/10 or more, 2 points above how the run started)`,
    );
  if (b + d < t.minPainFreeRuns)
    out.push(
      `${plural(t.minPainFreeRuns - b - d, "run")} followed by no flare (a pain-free day logged, or declared)`,
    );
  return out;
}
