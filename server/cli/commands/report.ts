import type { Command } from "commander";
import type { InsightsView } from "../../api/index.ts";

/** `stridewise report [--json]`: the insights page in a terminal. */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("print the insights: pain links, advice and red flags")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .option("--json", "print the same JSON as GET /api/insights")
    .action((opts: { data?: string; json?: boolean }) => runReport(opts));
}

const VERDICT_WORDS: Record<string, string> = {
  linked: "LINKED",
  no_clear_link: "no clear link",
  not_enough_data: "not enough data yet",
};

const HYPOTHESIS_WORDS: Record<string, string> = {
  overstriding: "Low cadence for your speed (possible overstriding) → hip pain",
  mileage_spike: "Mileage spikes → hip pain",
};

function printReport(view: InsightsView, ceiling: string, runs: number): void {
  const out: string[] = [];
  for (const flag of view.redFlags) {
    out.push(`!! ${flag.title}: ${flag.body}`, ...flag.because.map((b) => `   ${b}`), "");
  }
  out.push(`Stridewise report (${runs} runs)`, "", `Next run: ${ceiling}`, "");
  for (const c of view.correlations) {
    out.push(`${HYPOTHESIS_WORDS[c.hypothesis] ?? c.hypothesis}: ${VERDICT_WORDS[c.verdict] ?? c.verdict}`);
    out.push(`   ${c.explanation}`);
    if (c.explanationDetails) out.push(`   (${c.explanationDetails})`);
    const cc = c.completeCase;
    out.push(
      `   runs resting on assumed pain-free days: ${c.assumedPainFreeRuns}; outcomes recalled (> 3 days late): ${c.recalledOutcomes}`,
      `   logged days only: ${VERDICT_WORDS[cc.verdict] ?? cc.verdict} (pain after ${cc.flaggedWithPain}/${cc.flaggedRuns} flagged, ` +
        `${cc.unflaggedWithPain}/${cc.unflaggedRuns} other runs; ${cc.eligibleRuns} eligible)`,
      "",
    );
  }
  if (view.advice.length > 0) out.push("What to try:");
  for (const tip of view.advice) {
    out.push(`-  ${tip.title}`, `   ${tip.body}`, ...tip.because.map((b) => `   because ${b}`));
    out.push(`   source: ${tip.source}`, "");
  }
  out.push(view.disclaimer);
  console.log(out.join("\n"));
}

/** Prints the insights of the data folder, as text or as the JSON of GET /api/insights. */
async function runReport(opts: { data?: string | undefined; json?: boolean | undefined }): Promise<void> {
  // Loaded only when this command runs: `--help` and the other commands never load the analysis or SQLite.
  const [{ openAnalysis }, { nextRunView, toInsightsView }, { withDataDb }] = await Promise.all([
    import("../../app/analysis/service.ts"),
    import("../../http/views/analysis.ts"),
    import("../with-data-db.ts"),
  ]);
  await withDataDb(opts.data, (db) => {
    const snapshot = openAnalysis(db, () => new Date()).snapshot();
    const view = toInsightsView(snapshot.insights);
    if (opts.json) {
      console.log(JSON.stringify(view, null, 2));
      return;
    }
    printReport(
      view,
      nextRunView(snapshot.insights, snapshot.insights.units).explanation,
      snapshot.summaries.size,
    );
  });
}
