import type { LoadView, PainEntry } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { drawAcuteChronic } from "../charts/acute-chronic.ts";
import { runChartPeriod } from "../charts/ratio-buckets.ts";
import { drawRunVsLongest, drawRunVsLongestBuckets } from "../charts/run-vs-longest.ts";
import { chartBox, destroyCharts } from "../charts/setup.ts";
import { drawWeeklyLoad, monthlyTotals } from "../charts/weekly-load.ts";
import { MONTHS_FROM_DAYS, plausibleDate } from "../charts/scale.ts";
import { badge, card, loading, noData, pageHeader, stat, why } from "../components.ts";
import { h, replace } from "../dom.ts";
import { dayNumber, fmtDate, fmtDistance, fmtSignedPct } from "../format.ts";
import { isSpike, SPIKE_LABELS, spikeSentence } from "../labels.ts";
import { segmentedButtons } from "../range-picker.ts";

const INTRO = "How much you run, and how each run compares with what you have been doing lately.";

/** Weekly distance, each run against its 30-day longest, the next-run ceiling and the acute:chronic line. */
export async function loadPage(root: HTMLElement): Promise<void> {
  replace(root, pageHeader("Load"), loading());
  const [load, pain] = await Promise.all([api.load(), api.pain()]);
  if (load.runs.length === 0) {
    const text =
      "No runs yet: weekly distance and how each run compares with your recent longest appear here.";
    replace(root, pageHeader("Load", INTRO), ceilingCard(load), noData(text));
    return;
  }
  const weekly = chartBox("Weekly distance; weeks with a spike run in orange", "chart-weekly-load");
  const perRun = chartBox(
    "Each run's distance against the longest run of the 30 days before it",
    "chart-run-vs-longest",
    "large",
  );
  const ac = chartBox(
    "Acute to chronic distance ratio over time, descriptive only",
    "chart-acute-chronic",
    "small",
  );
  const perRunKey = h("p", { class: "chart-key", "data-testid": "run-vs-longest-key" });
  // The API answers a year by default; the whole history is fetched only when asked for.
  let whole: LoadView | null = null;
  const controls = rangeControls((range, note) => {
    if (
      range === "all" &&
      whole === null &&
      load.range.earliest !== null &&
      load.range.earliest < load.range.from
    ) {
      void api.load(load.range.earliest).then((all) => {
        whole = all;
        controls.select("all");
      });
      return;
    }
    destroyCharts();
    const view = windowed(range === "all" && whole ? whole : load, range);
    replace(note, view.note);
    const first = view.load.weekly[0]?.weekStart;
    const last = view.load.weekly[view.load.weekly.length - 1]?.weekStart;
    const byMonth = first && last && dayNumber(last) - dayNumber(first) > MONTHS_FROM_DAYS;
    if (byMonth) {
      const months = monthlyTotals(view.load.weekly, view.load.daily);
      drawWeeklyLoad(weekly.canvas, { ...view.load, weekly: months }, "month");
    } else drawWeeklyLoad(weekly.canvas, view.load);
    drawPerRun(perRun.canvas, view.load, perRunKey);
    drawAcuteChronic(ac.canvas, view.load);
  });
  replace(
    root,
    pageHeader("Load", INTRO),
    ceilingCard(load),
    controls.el,
    weeklyCard(weekly.box),
    perRunCard(perRun.box, perRunKey, load, pain),
    weeklyJumps(load),
    acuteChronicCard(ac.box),
  );
  controls.select("6m");
}

/** The 6 months / 1 year / All buttons; onChange redraws and may fill the note ("up to your latest run"). */
function rangeControls(onChange: (range: LoadRange, note: HTMLElement) => void): {
  el: HTMLElement;
  select: (range: LoadRange) => void;
} {
  const note = h("p", { class: "muted small", "aria-live": "polite" });
  const group = segmentedButtons(RANGE_LABELS, "Time range for the charts", (range: LoadRange) =>
    onChange(range, note),
  );
  return { el: h("div", { class: "toolbar" }, group.el, note), select: group.select };
}

function weeklyCard(box: HTMLElement): HTMLElement {
  return card(
    "Weekly distance",
    h(
      "p",
      { class: "chart-key" },
      h("span", { class: "key key-bar" }, "week"),
      h("span", { class: "key key-flag" }, "week with a spike run"),
    ),
    box,
  );
}

/**
 * One bar per run up to a year; over longer spans (All) a bar per week or month with its largest ratio, so ten
 * years stay readable. The key under the title follows.
 */
function drawPerRun(canvas: HTMLCanvasElement, load: LoadView, key: HTMLElement): void {
  const dates = load.runs.map((r) => dayNumber(r.localDate));
  const span = dates.length ? Math.max(...dates) - Math.min(...dates) : 0;
  const period = runChartPeriod(span);
  canvas.dataset["period"] = period;
  if (period === "run") {
    drawRunVsLongest(canvas, load);
    replace(
      key,
      h("span", { class: "key key-bar" }, "run"),
      h("span", { class: "key key-flag" }, "more than 10% over"),
      h("span", { class: "key key-line" }, "longest of the 30 days before"),
    );
    return;
  }
  drawRunVsLongestBuckets(canvas, load, period);
  replace(
    key,
    h("span", { class: "key key-bar" }, `largest run of the ${period}, as % of its 30-day longest`),
    h("span", { class: "key key-flag" }, `${period} with a run more than 10% over`),
    h("span", { class: "key key-line" }, "110%"),
  );
}

function perRunCard(box: HTMLElement, key: HTMLElement, load: LoadView, pain: PainEntry[]): HTMLElement {
  return card(
    "Each run against your 30-day longest",
    h(
      "p",
      { class: "muted" },
      "In a study of 5,205 runners, single runs more than 10% longer than the longest of the 30 days before were followed by more injuries. Weekly totals mattered less.",
    ),
    key,
    box,
    spikeList(load, pain),
  );
}

function acuteChronicCard(box: HTMLElement): HTMLElement {
  return card(
    "Acute:chronic ratio",
    h(
      "p",
      { class: "note", "data-testid": "acute-chronic-note" },
      "Shown for description only. In runners this ratio has not been found to predict injury, and the popular “sweet spot” comes from team sports, so it is not a risk score here. It starts four weeks into your history.",
    ),
    box,
  );
}

type LoadRange = "6m" | "1y" | "all";
const RANGE_LABELS: Record<LoadRange, string> = { "6m": "6 months", "1y": "1 year", all: "All" };
const RANGE_DAYS: Record<LoadRange, number> = { "6m": 182, "1y": 365, all: Infinity };

/** The part of the history the charts show: the chosen span up to today, or up to the latest run if that is older. */
function windowed(all: LoadView, range: LoadRange): { load: LoadView; note: string } {
  // Runs with a clock never set (1990, or next year) stay off the time axes.
  const ok = (date: string): boolean => plausibleDate(date, all.asOf);
  const load: LoadView = {
    ...all,
    daily: all.daily.filter((d) => ok(d.date)),
    weekly: all.weekly.filter((w) => ok(w.weekStart)),
    runs: all.runs.filter((r) => ok(r.localDate)),
    rolling7d: all.rolling7d.filter((p) => ok(p.date)),
    acuteChronic: all.acuteChronic.filter((p) => ok(p.date)),
  };
  const latestRun = load.runs.reduce<string | null>(
    (m, r) => (m === null || r.localDate > m ? r.localDate : m),
    null,
  );
  const firstRun = load.runs.reduce<string | null>(
    (m, r) => (m === null || r.localDate < m ? r.localDate : m),
    null,
  );
  // The ratio means nothing until there are four weeks of history behind it.
  const acStart = firstRun === null ? Infinity : dayNumber(firstRun) + 28;
  const acuteChronic = load.acuteChronic.filter((p) => dayNumber(p.date) >= acStart);
  if (latestRun === null) return { load: { ...load, acuteChronic }, note: "" };
  const span = RANGE_DAYS[range];
  const asOf = dayNumber(load.asOf);
  // A history that stopped long ago ends at its last run, not in months of empty axis.
  const end = asOf - dayNumber(latestRun) > Math.min(span, 60) ? dayNumber(latestRun) : asOf;
  const from = end - span;
  const inside = (date: string): boolean => dayNumber(date) >= from && dayNumber(date) <= end;
  return {
    load: {
      ...load,
      weekly: load.weekly.filter((w) => dayNumber(w.weekStart) >= from - 6 && dayNumber(w.weekStart) <= end),
      daily: load.daily.filter((d) => inside(d.date)),
      runs: load.runs.filter((r) => inside(r.localDate)),
      acuteChronic: acuteChronic.filter((p) => inside(p.date)),
      rolling7d: load.rolling7d.filter((p) => inside(p.date)),
    },
    note: end === asOf ? "" : `Up to your latest run, on ${fmtDate(latestRun, { year: true })}.`,
  };
}

function ceilingCard(load: LoadView): HTMLElement {
  const n = load.nextRun;
  if (n.paused !== null)
    return card("Your next run", stat("Training targets", "Paused", n.paused, "next-run-ceiling"));
  return card(
    "Your next run",
    n.ceilingM === null
      ? stat(
          "Longest sensible run",
          "Build gently",
          "You have no run in the last 30 days to measure from.",
          "next-run-ceiling",
        )
      : stat(
          "Keep it under",
          fmtDistance(n.ceilingM),
          `1.10 × ${fmtDistance(n.longestPrior30dM)}, your longest run of the last 30 days`,
          "next-run-ceiling",
        ),
    why(
      "Why this number?",
      h("p", {}, n.explanation),
      h(
        "p",
        { class: "muted" },
        "Frandsen et al. 2025 (BJSM; 5,205 runners, 588,071 runs): against runs within 10% of the 30-day longest, runs 10–30% longer came with 1.64× the injury rate, 30–100% longer 1.52×, more than double 2.28×.",
      ),
    ),
  );
}

/** What the pain log says for the 2 days after a run: the column behind "pain followed 6 of 6 spike runs". */
function painAfter(date: string, pain: PainEntry[]): HTMLElement {
  const from = dayNumber(date);
  const window = pain.filter((p) => dayNumber(p.date) >= from && dayNumber(p.date) <= from + 2);
  if (window.length === 0) return h("span", { class: "muted" }, " Pain in the 2 days after: nothing logged.");
  const worst = window.reduce((m, p) => (p.severity > m.severity ? p : m));
  return worst.severity === 0
    ? h("span", {}, " Pain in the 2 days after: none.")
    : h(
        "span",
        { class: "pain-text" },
        ` Pain in the 2 days after: ${worst.severity}/10 on ${fmtDate(worst.date)}.`,
      );
}

function spikeList(load: LoadView, pain: PainEntry[]): HTMLElement {
  const spikes = load.runs
    .filter((r) => isSpike(r.category))
    .sort((a, b) => b.localDate.localeCompare(a.localDate));
  if (spikes.length === 0)
    return h("p", { class: "muted" }, "No run went more than 10% past your 30-day longest.");
  return why(
    `${spikes.length} run${spikes.length === 1 ? "" : "s"} in your history more than 10% over the 30-day longest`,
    h(
      "ul",
      { class: "plain-list", "data-testid": "spike-list" },
      ...spikes.map((r) =>
        h(
          "li",
          {},
          h("a", { href: `#/runs/${r.id}` }, fmtDate(r.localDate)),
          `: ${fmtDistance(r.distanceM)}, ${spikeSentence(r.ratio, r.category)}.`,
          painAfter(r.localDate, pain),
          " ",
          badge(SPIKE_LABELS[r.category], "flag"),
          r.hazardRatio
            ? h(
                "span",
                { class: "muted" },
                ` Runners in the study had ${r.hazardRatio.value.toFixed(2)}× the injury rate after such runs (95% CI ${r.hazardRatio.ci95[0].toFixed(2)}–${r.hazardRatio.ci95[1].toFixed(2)}).`,
              )
            : null,
        ),
      ),
    ),
  );
}

/** The server's jump episodes (core/jump-episodes.ts), newest first: one line per episode, not per day. */
function weeklyJumps(load: LoadView): HTMLElement | null {
  const episodes = load.jumpEpisodes.filter((e) => plausibleDate(e.to, load.asOf));
  if (episodes.length === 0) return null;
  const recent = episodes.slice(-8).reverse();
  return card(
    "Big weekly jumps",
    h(
      "p",
      { class: "muted" },
      "Days when your last 7 days added up to over 30% more than the 7 before. A secondary signal: the evidence is weaker than for single long runs, and the “10% rule” is convention rather than evidence.",
    ),
    h(
      "ul",
      { class: "plain-list", "data-testid": "jump-episodes" },
      ...recent.map((e) =>
        h(
          "li",
          { "data-testid": "jump-episode" },
          `${e.days > 1 ? `${fmtDate(e.from)} to ${fmtDate(e.to)} (${e.days} days), at most` : `${fmtDate(e.to)}:`} ${fmtDistance(e.peak.distanceM)} in 7 days against ${fmtDistance(e.peak.previousM)} the 7 before (${fmtSignedPct(e.peak.changePct)}).`,
        ),
      ),
    ),
  );
}
