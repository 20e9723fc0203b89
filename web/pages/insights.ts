import type { Correlation, InsightsView } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { badge, card, loading, notMedicalAdvice, pageHeader, redFlagBanner } from "../components.ts";
import { h, replace } from "../dom.ts";
import { HYPOTHESIS_LABELS, VERDICT_LABELS } from "../labels.ts";
import { shoeContextCard } from "./shoe-context.ts";
import { insightEvidence } from "./insight-evidence.ts";

/** Per hypothesis: the verdict in one sentence, the counts, the risks with intervals, and what is still missing. */
export async function insightsPage(root: HTMLElement): Promise<void> {
  replace(root, pageHeader("Insights"), loading());
  const [view, shoes] = await Promise.all([api.insights(), shoeContextCard()]);
  replace(root, content(view));
  // After the two tested questions, never among them.
  if (shoes) root.querySelector(".card:last-of-type")?.before(shoes);
}

function content(view: InsightsView): HTMLElement {
  return h(
    "div",
    {},
    pageHeader(
      "Insights",
      "Does your hip pain follow certain runs? Stridewise checks two questions, fixed in advance, against your own runs and pain log.",
    ),
    redFlagBanner(view.redFlags),
    ...view.correlations.map(correlationCard),
    view.advice.length
      ? h(
          "p",
          {},
          h(
            "a",
            { href: "#/tips", class: "button" },
            `What to try: ${view.advice.length} tip${view.advice.length === 1 ? "" : "s"}`,
          ),
        )
      : null,
    methodCard(),
    notMedicalAdvice(view.disclaimer),
  );
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function riskText(
  risk: { value: number; ci95: [number, number] } | null | undefined,
  withPain: number,
  runs: number,
): string {
  if (runs === 0) return "no runs";
  const base = `${withPain} of ${runs}`;
  return risk
    ? `${base} (${pct(risk.value)}, 95% CI ${pct(risk.ci95[0])} to ${pct(risk.ci95[1])})`
    : `${base} (${pct(withPain / runs)})`;
}

/** The verdict as one sentence a runner reads first. */
export function verdictSentence(c: Correlation): string {
  const words = HYPOTHESIS_LABELS[c.hypothesis];
  switch (c.verdict) {
    case "linked":
      return `In your data, hip pain followed ${words.flagged} more often than ${words.unflagged}.`;
    case "no_clear_link":
      return `So far, hip pain has not clearly followed ${words.flagged} more often than ${words.unflagged}. That is not proof of no link.`;
    case "not_enough_data":
      return `Not enough data yet to say whether hip pain follows ${words.flagged}.`;
  }
}

/** "all 6", "4 of 87", "none of 5". */
function countWords(withPain: number, runs: number): string {
  if (runs > 1 && withPain === runs) return `all ${runs}`;
  if (withPain === 0) return `none of ${runs}`;
  return `${withPain} of ${runs}`;
}

/** The counts in a plain sentence: "Pain followed all 6 spike runs and 4 of 87 others." */
export function countsSentence(c: Correlation): string {
  const kind = c.hypothesis === "mileage_spike" ? "spike runs" : "runs with low cadence for their speed";
  if (c.flaggedRuns === 0) return `None of your ${c.eligibleRuns} runs that count were ${kind} yet.`;
  return `Pain followed ${countWords(c.flaggedWithPain, c.flaggedRuns)} ${kind} and ${countWords(c.unflaggedWithPain, c.unflaggedRuns)} others, out of ${c.eligibleRuns} runs that did not start in a flare.`;
}

/** "about 18 times as often as": whole numbers from 10 up, one decimal below, so no false precision. */
export function timesWords(rr: number): string {
  if (rr >= 10) return `about ${Math.round(rr)} times as often as`;
  if (rr >= 1.05) return `about ${rr.toFixed(1)} times as often as`;
  if (rr > 0.95) return "about as often as";
  return "less often than";
}

function correlationCard(c: Correlation): HTMLElement {
  const words = HYPOTHESIS_LABELS[c.hypothesis];
  const tone = c.verdict === "linked" ? "flag" : "neutral";
  const inWords =
    c.relativeRisk !== null && c.verdict === "linked"
      ? `After flagged runs, pain came ${timesWords(c.relativeRisk)} after the others.`
      : null;
  return h(
    "section",
    {
      class: `card insight insight-${c.verdict}`,
      "data-testid": "insight",
      "data-hypothesis": c.hypothesis,
      "data-verdict": c.verdict,
    },
    h("div", { class: "insight-head" }, h("h2", {}, words.title), badge(VERDICT_LABELS[c.verdict], tone)),
    h("p", { class: "big-sentence" }, verdictSentence(c)),
    h("p", { "data-testid": "insight-counts" }, countsSentence(c), inWords ? ` ${inWords}` : null),
    c.missing.length
      ? h(
          "div",
          { class: "missing" },
          h("p", {}, "Still needed before a verdict:"),
          h("ul", { "data-testid": "insight-missing" }, ...c.missing.map((m) => h("li", {}, m))),
        )
      : null,
    h(
      "details",
      { class: "why", "data-testid": "insight-details" },
      h("summary", {}, "Details: the statistics and how this was worked out"),
      h("div", { class: "why-body" }, statsList(c), insightEvidence(c), ...method(c)),
    ),
  );
}

function statsList(c: Correlation): HTMLElement {
  const words = HYPOTHESIS_LABELS[c.hypothesis];
  return h(
    "dl",
    { class: "counts" },
    h("dt", {}, `Pain after ${words.flagged}`),
    h("dd", {}, riskText(c.flaggedRisk, c.flaggedWithPain, c.flaggedRuns)),
    h("dt", {}, `Pain after ${words.unflagged}`),
    h("dd", {}, riskText(c.unflaggedRisk, c.unflaggedWithPain, c.unflaggedRuns)),
    ...(c.relativeRisk === null
      ? []
      : [
          h("dt", {}, "Risk ratio"),
          h(
            "dd",
            {},
            `${fmtRatio(c.relativeRisk)}${c.ci95 ? ` (95% CI ${fmtRatio(c.ci95[0])}–${fmtRatio(c.ci95[1])})` : ""}`,
          ),
        ]),
    ...(c.pValue === null
      ? []
      : [h("dt", {}, "Fisher's exact p (Holm-adjusted)"), h("dd", {}, `p ${fmtP(c.pValue)}`)]),
  );
}

/** Two significant figures at most: "18", "7.2", "0.73". */
function fmtRatio(x: number): string {
  return x >= 10 ? String(Math.round(x)) : x.toPrecision(2);
}

function method(c: Correlation): (HTMLElement | null)[] {
  return [
    h("p", {}, c.explanation),
    c.explanationDetails
      ? h("p", { class: "stats-details", "data-testid": "insight-stats" }, c.explanationDetails)
      : null,
    h(
      "p",
      { class: "muted" },
      "“Pain after a run” means a flare logged within 48 hours: 3/10 or more and at least 2 points above how the run started, for a run that did not start in a flare (2/10 or less, or no more than 1 above your usual). The 95% intervals show the range the true figure plausibly lies in: wide intervals mean few runs.",
    ),
    h(
      "p",
      {},
      h(
        "a",
        { href: c.hypothesis === "overstriding" ? "#/runs?flag=overstriding" : "#/runs?flag=spike" },
        "The flagged runs behind this",
      ),
      " · ",
      h(
        "a",
        { href: c.hypothesis === "overstriding" ? "#/cadence" : "#/load" },
        c.hypothesis === "overstriding" ? "Cadence against speed" : "Load",
      ),
      " · ",
      h("a", { href: "#/pain" }, "Your pain log"),
    ),
  ];
}

/** "= 0.06" or "< 0.001", to follow a "p". */
function fmtP(p: number): string {
  return p < 0.001 ? "< 0.001" : `= ${p.toFixed(p < 0.01 ? 3 : 2)}`;
}

function methodCard(): HTMLElement {
  return card(
    "How to read this",
    h(
      "ul",
      { class: "plain-list" },
      h(
        "li",
        {},
        "“Linked” means pain followed flagged runs clearly more often, even allowing for chance across both questions. It is an association in your data, not proof of a cause.",
      ),
      h(
        "li",
        {},
        "A verdict needs at least 20 runs that started pain-free, 5 flagged and 5 not, and 3 runs followed by pain. Below that, the answer is “not enough data yet”, never “no link”.",
      ),
      h(
        "li",
        {},
        "With few runs even a real link is easy to miss. Logging pain-free days matters as much as painful ones.",
      ),
    ),
  );
}
