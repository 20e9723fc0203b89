import type { ImportResponse, OverviewView, PainEntry, VerdictLine } from "../../server/api/index.ts";
import { api } from "../api.ts";
import {
  badge,
  card,
  errorBox,
  flagBadges,
  loading,
  pageHeader,
  redFlagBanner,
  stat,
  why,
} from "../components.ts";
import { h, replace } from "../dom.ts";
import { fmtDate, fmtDistance, fmtDuration, fmtPace, fmtSignedPct } from "../format.ts";
import { LOCATION_LABELS, SIDE_LABELS, TIMING_LABELS, VERDICT_LABELS } from "../labels.ts";
import { cadenceAgainstExpected } from "../cadence-words.ts";
import { unansweredList } from "./unanswered.ts";
import { recordsCard } from "./overview-records.ts";
import { navigate } from "../router.ts";

/** The home page: the week, the next run's ceiling, the last run, pain and the top tip; or the first steps. */
export async function overviewPage(root: HTMLElement): Promise<void> {
  replace(root, loading());
  const overview = await api.overview();
  replace(root, overview.hasData ? overviewContent(overview) : emptyState());
}

function emptyState(): HTMLElement {
  const status = h("div", { class: "demo-status", role: "status", "aria-live": "polite" });
  const demoButton = h(
    "button",
    { type: "button", class: "button", "data-testid": "demo-button" },
    "Try the demo",
  );
  demoButton.addEventListener("click", () => void loadDemo(demoButton, status));
  return h(
    "div",
    { class: "empty-state", "data-testid": "empty-state" },
    pageHeader(
      "Welcome to Stridewise",
      "See your cadence against your speed, spot mileage spikes, and find out whether they line up with the hip pain you log. Everything stays on this computer.",
    ),
    h(
      "ol",
      { class: "steps" },
      h(
        "li",
        {},
        h("strong", {}, "Bring in your runs. "),
        "Drop your watch's FIT files, a Garmin or Strava export zip, or the watch's ",
        h("code", {}, "GARMIN/Activity"),
        " folder on the ",
        h("a", { href: "#/import" }, "Import page"),
        ".",
      ),
      h(
        "li",
        {},
        h("strong", {}, "Log your hip. "),
        "A ten-second entry after a run, including the days it doesn't hurt.",
      ),
      h(
        "li",
        {},
        h("strong", {}, "Read what your data says. "),
        "Insights and tips, with the numbers they rest on.",
      ),
    ),
    h(
      "div",
      { class: "actions" },
      h("a", { href: "#/import", class: "button primary", "data-testid": "import-link" }, "Import your runs"),
      demoButton,
    ),
    h(
      "p",
      { class: "muted" },
      "The demo loads half a year of generated runs and a pain log, so you can look around first.",
    ),
    status,
  );
}

async function loadDemo(button: HTMLButtonElement, status: HTMLElement): Promise<void> {
  button.disabled = true;
  replace(status, "Loading half a year of generated runs…");
  try {
    const res: ImportResponse = await api.demo();
    replace(status, `Loaded ${res.summary.imported} demo activities.`);
    navigate("#/");
  } catch (err) {
    replace(status, errorBox(err));
    button.disabled = false;
  }
}

function overviewContent(o: OverviewView): HTMLElement {
  return h(
    "div",
    { "data-testid": "overview" },
    pageHeader("Overview", `Based on ${o.runs} run${o.runs === 1 ? "" : "s"}.`),
    redFlagBanner(o.redFlags),
    answerCard(o),
    h(
      "div",
      { class: "grid" },
      ceilingCard(o),
      lastRunCard(o),
      recordsCard(),
      waitingCard(o),
      weekCard(o),
      painCard(o.latestPain),
      tipCard(o),
    ),
  );
}

/** The question a runner came with, answered first: one line per fixed hypothesis. */
function answerCard(o: OverviewView): HTMLElement {
  const el = card(
    "Is your hip pain linked to your runs?",
    h(
      "ul",
      { class: "answer-lines", "data-testid": "answer" },
      ...o.verdicts.map((v) =>
        h(
          "li",
          { "data-testid": "answer-line", "data-hypothesis": v.hypothesis, "data-verdict": v.verdict },
          badge(VERDICT_LABELS[v.verdict], v.verdict === "linked" ? "flag" : "neutral"),
          " ",
          answerLine(v),
        ),
      ),
    ),
    h("a", { href: "#/insights" }, "How sure, and the runs behind it"),
  );
  el.classList.add("answer-card");
  return el;
}

/** "Mileage spikes: pain followed all 6 spike runs and 4 of 87 others." */
export function answerLine(v: VerdictLine): string {
  const topic = v.hypothesis === "mileage_spike" ? "Mileage spikes" : "Low cadence for your speed";
  if (v.verdict === "not_enough_data") {
    const need = v.missing.length ? v.missing.join("; ") : "more runs with a hip answer";
    return `${topic}: no answer yet. Still needed: ${need}.`;
  }
  const kind = v.hypothesis === "mileage_spike" ? "spike runs" : "low-cadence runs";
  const flagged =
    v.flaggedWithPain === v.flaggedRuns && v.flaggedRuns > 1
      ? `all ${v.flaggedRuns} ${kind}`
      : `${v.flaggedWithPain} of ${v.flaggedRuns} ${kind}`;
  const others = `${v.unflaggedWithPain} of ${v.unflaggedRuns} others`;
  return `${topic}: pain followed ${flagged} and ${others}.`;
}

function waitingCard(o: OverviewView): HTMLElement {
  const el = card(
    "Runs waiting for a hip answer",
    unansweredList(o.unanswered),
    o.unanswered.length
      ? h("p", { class: "muted small" }, "One tap each: the pain-free answers make the comparison fair.")
      : null,
  );
  el.dataset["testid"] = "waiting-card";
  return el;
}

function weekCard(o: OverviewView): HTMLElement {
  // A part week against the same days of the last one: "−41%" on a Saturday against a whole week misleads.
  const whole = o.daysIntoWeek >= 7;
  const base = whole ? o.lastWeekM : o.lastWeekSameDaysM;
  const change = base > 0 ? ((o.thisWeekM - base) / base) * 100 : null;
  const days = whole
    ? "last week"
    : `the same ${o.daysIntoWeek} day${o.daysIntoWeek === 1 ? "" : "s"} of last week`;
  return card(
    "This week",
    stat(
      whole ? "Distance this week" : `Distance so far (${o.daysIntoWeek} of 7 days)`,
      fmtDistance(o.thisWeekM),
      `${fmtDistance(base)} over ${days}${change === null ? "" : ` (${fmtSignedPct(change)})`}` +
        (whole ? "" : `; last week in all: ${fmtDistance(o.lastWeekM)}`),
      "week-distance",
    ),
    h("a", { href: "#/load" }, "Weekly load"),
  );
}

function ceilingCard(o: OverviewView): HTMLElement {
  const { ceilingM, longestPrior30dM, explanation, paused } = o.nextRun;
  if (paused !== null) {
    return card("Next run", stat("Training targets", "Paused", paused, "next-run-ceiling"));
  }
  return card(
    "Next run",
    ceilingM === null
      ? stat(
          "Longest sensible run",
          "Build gently",
          "No run in the last 30 days to measure from.",
          "next-run-ceiling",
        )
      : stat(
          "Keep your next run under",
          fmtDistance(ceilingM),
          `1.10 × your longest run of the last 30 days (${fmtDistance(longestPrior30dM)})`,
          "next-run-ceiling",
        ),
    why("Why this number?", h("p", {}, explanation)),
  );
}

function lastRunCard(o: OverviewView): HTMLElement {
  const run = o.lastRun;
  if (!run) return card("Last run", h("p", { class: "muted" }, "No runs yet."));
  const flags = flagBadges(run.flags);
  return card(
    "Last run",
    h(
      "p",
      { class: "run-line" },
      h("a", { href: `#/runs/${run.id}` }, fmtDate(run.localDate)),
      ` · ${fmtDistance(run.distanceM)} · ${fmtDuration(run.timerS)} · ${fmtPace(run.avgSpeedMps)}`,
    ),
    h("p", { class: "cadence-verdict", "data-testid": "last-run-cadence" }, cadenceAgainstExpected(run)),
    flags.length
      ? h("div", { class: "badges" }, ...flags)
      : h("div", { class: "badges" }, badge("No flags", "ok")),
  );
}

/** "outside of the hip (right) · after the run". */
function painWhere(entry: PainEntry): string {
  return painSummary(entry).replace(/^\d+\/10 /, "");
}

/** "4/10 outside of the hip (right) · after the run". */
export function painSummary(entry: PainEntry): string {
  if (entry.severity === 0) return "No pain";
  const parts = [`${entry.severity}/10`];
  if (entry.location) parts.push(LOCATION_LABELS[entry.location].label.toLowerCase());
  if (entry.side) parts.push(`(${SIDE_LABELS[entry.side].toLowerCase()})`);
  if (entry.timing) parts.push(`· ${TIMING_LABELS[entry.timing].toLowerCase()}`);
  return parts.join(" ");
}

function painCard(entry: PainEntry | null): HTMLElement {
  return card(
    "Hip",
    entry
      ? stat(
          "Latest entry",
          entry.severity === 0 ? "No pain" : `${entry.severity}/10`,
          entry.severity === 0 ? fmtDate(entry.date) : `${fmtDate(entry.date)} · ${painWhere(entry)}`,
          "latest-pain",
        )
      : h("p", { class: "muted" }, "Nothing logged yet. Logging pain-free days too lets Stridewise compare."),
    h("a", { href: "#/pain", class: "button" }, "Log how your hip feels"),
  );
}

function tipCard(o: OverviewView): HTMLElement {
  const tip = o.topTip;
  const el = card(
    "Top tip",
    tip
      ? h("div", { "data-testid": "top-tip" }, h("h3", {}, tip.title), h("p", {}, tip.body))
      : h("p", { class: "muted" }, "No tip yet: Stridewise needs a few more runs."),
    h("a", { href: "#/tips" }, "All tips and why"),
  );
  el.classList.add("tip-card");
  return el;
}
