import type { Correlation } from "../../server/http/api-types.ts";
import { h } from "../dom.ts";
import { VERDICT_LABELS } from "../labels.ts";

const runs = (n: number): string => `${n} run${n === 1 ? "" : "s"}`;
const ratio = (rr: number, ci: [number, number] | null): string =>
  `${rr.toFixed(2)}×${ci ? ` (95% CI ${ci[0].toFixed(2)}–${ci[1].toFixed(2)})` : ""}`;

/**
 * What the verdict rests on beyond the 2×2 table: runs counted pain-free by a declaration, the answer from logged
 * days alone, the tipping point, recalled outcomes, the spike-adjusted ratio, the flags' overlap and the power.
 */
export function insightEvidence(c: Correlation): HTMLElement {
  const rows: [string, string][] = [];
  if (c.assumedPainFreeRuns > 0) {
    rows.push([
      "Counted pain-free by your declaration",
      `${runs(c.assumedPainFreeRuns)}${c.retrospectiveRuns > 0 ? `, ${c.retrospectiveRuns} from days declared afterwards` : ""}`,
    ]);
    const cc = c.completeCase;
    rows.push([
      "From the days you logged only",
      `${VERDICT_LABELS[cc.verdict]}: pain after ${cc.flaggedWithPain} of ${cc.flaggedRuns} flagged and ${cc.unflaggedWithPain} of ${cc.unflaggedRuns} other runs`,
    ]);
    if (c.painDaysToChange !== null)
      rows.push([
        "Unlogged pain days that would change this",
        `${c.painDaysToChange} (after ${c.verdict === "linked" ? "other runs" : "flagged runs"} counted as pain-free)`,
      ]);
  }
  if (c.recalledOutcomes > 0) rows.push(["Outcomes logged more than 3 days late", runs(c.recalledOutcomes)]);
  if (c.adjusted?.relativeRisk != null)
    rows.push([
      "Allowing for mileage spikes (Mantel–Haenszel)",
      ratio(c.adjusted.relativeRisk, c.adjusted.ci95),
    ]);
  if (c.overlap && c.hypothesis === "overstriding")
    rows.push([
      "Runs with both flags",
      `${runs(c.overlap.both)} of ${runs(c.overlap.both + c.overlap.thisOnly)} with low cadence`,
    ]);
  if (c.verdict !== "linked")
    rows.push([
      "Chance a real tripling of risk would show",
      c.powerForRr3 < 0.05
        ? "less than 5% with these runs"
        : `about ${Math.round(c.powerForRr3 * 100)}% with these runs`,
    ]);
  return h(
    "dl",
    { class: "counts", "data-testid": "insight-evidence" },
    ...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}
