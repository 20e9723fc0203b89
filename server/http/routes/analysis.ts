import { type Request, type Response, Router } from "express";
import type { AnalysisService, AnalysisSnapshot } from "../../app/analysis/service.ts";
import {
  nextRunView,
  toCadenceView,
  toInsightsView,
  toListItem,
  toAdvice,
  toLoadView,
  toRedFlagNotices,
} from "../views/analysis.ts";
import { addDays, daysBetween, weekStart } from "../../core/dates.ts";
import type { PainRepo } from "../../db/pain-repo.ts";
import { loadRangeQuerySchema, type OverviewView } from "../../api/index.ts";
import { parseInput } from "../params.ts";
import { sliceLoadView, withLoadExtras, type FullLoadView } from "../views/load-range.ts";
import { unansweredList } from "./unanswered.ts";

export interface AnalysisRouteDeps {
  analysis: AnalysisService;
  pain: PainRepo;
}

/**
 * A view's JSON, made once per analysis snapshot: the snapshot only changes with the data, and the load view of
 * a 10-year history is 1.4 MB of JSON (20-40 ms to build and serialise on every read otherwise).
 */
function perSnapshot(
  analysis: AnalysisService,
  view: (snap: AnalysisSnapshot) => unknown,
): (_req: Request, res: Response) => void {
  const bodies = new WeakMap<AnalysisSnapshot, string>();
  return (_req, res) => {
    const snap = analysis.snapshot();
    let body = bodies.get(snap);
    if (body === undefined) {
      body = JSON.stringify(view(snap));
      bodies.set(snap, body);
    }
    res.type("application/json").send(body);
  };
}

/** The read-only analysis views: overview, load, cadence, insights. */
export function analysisRoutes(deps: AnalysisRouteDeps): Router {
  const router = Router();

  router.get("/overview", (_req, res) => {
    const snap = deps.analysis.snapshot();
    const { insights } = snap;
    const thisWeek = weekStart(insights.today);
    const lastWeek = addDays(thisWeek, -7);
    const weekly = new Map(insights.load.weekly.map((w) => [w.weekStart, w.distanceM]));
    const lastRunFindings = insights.runs[insights.runs.length - 1];
    const lastRunSummary = lastRunFindings ? snap.summaries.get(lastRunFindings.runId) : undefined;
    const painLog = deps.pain.list();
    // A part week is compared with the same days of the week before, not with a whole one.
    const daysIntoWeek = daysBetween(thisWeek, insights.today) + 1;
    let lastWeekSameDaysM = 0;
    for (const r of insights.runs) {
      const offset = daysBetween(lastWeek, r.localDate);
      if (offset >= 0 && offset < daysIntoWeek) lastWeekSameDaysM += snap.distances.get(r.runId) ?? 0;
    }
    const topTip = insights.advice.find((tip) => tip.cause !== "red_flag");
    const overview: OverviewView = {
      hasData: snap.summaries.size > 0,
      runs: snap.summaries.size,
      thisWeekM: weekly.get(thisWeek) ?? 0,
      lastWeekM: weekly.get(lastWeek) ?? 0,
      lastWeekSameDaysM,
      daysIntoWeek,
      verdicts: toInsightsView(insights).correlations.map((c) => ({
        hypothesis: c.hypothesis,
        verdict: c.verdict,
        eligibleRuns: c.eligibleRuns,
        flaggedRuns: c.flaggedRuns,
        flaggedWithPain: c.flaggedWithPain,
        unflaggedRuns: c.unflaggedRuns,
        unflaggedWithPain: c.unflaggedWithPain,
        missing: c.missing,
      })),
      unanswered: unansweredList(snap, deps.pain),
      nextRun: nextRunView(insights, insights.units),
      lastRun: lastRunSummary ? toListItem(lastRunSummary, lastRunFindings) : null,
      latestPain: painLog[painLog.length - 1] ?? null,
      topTip: topTip ? toAdvice(topTip) : null,
      redFlags: toRedFlagNotices(insights.redFlags),
    };
    res.json(overview);
  });

  const fullLoad = new WeakMap<AnalysisSnapshot, FullLoadView>();
  router.get("/load", (req, res) => {
    const { from, to } = parseInput(loadRangeQuerySchema, req.query, "query");
    const snap = deps.analysis.snapshot();
    let full = fullLoad.get(snap);
    if (full === undefined) {
      full = withLoadExtras(toLoadView(snap.insights, snap.distances), snap.insights);
      fullLoad.set(snap, full);
    }
    res.json(sliceLoadView(full, from, to));
  });
  router.get(
    "/cadence",
    perSnapshot(deps.analysis, (snap) => toCadenceView(snap.insights)),
  );
  router.get(
    "/insights",
    perSnapshot(deps.analysis, (snap) => toInsightsView(snap.insights)),
  );

  return router;
}
