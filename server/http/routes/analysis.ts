import { Router } from "express";
import type { AnalysisService } from "../../app/analysis/service.ts";
import {
  nextRunView,
  toCadenceView,
  toInsightsView,
  toListItem,
  toLoadView,
  toRedFlagNotices,
} from "../../app/analysis/views.ts";
import { addDays, weekStart } from "../../core/dates.ts";
import type { PainRepo } from "../../db/pain-repo.ts";
import type { OverviewView } from "../api-types.ts";

export interface AnalysisRouteDeps {
  analysis: AnalysisService;
  pain: PainRepo;
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
    const overview: OverviewView = {
      hasData: snap.summaries.size > 0,
      runs: snap.summaries.size,
      thisWeekM: weekly.get(thisWeek) ?? 0,
      lastWeekM: weekly.get(lastWeek) ?? 0,
      nextRun: nextRunView(insights, insights.units),
      lastRun: lastRunSummary ? toListItem(lastRunSummary, lastRunFindings) : null,
      latestPain: painLog[painLog.length - 1] ?? null,
      topTip: insights.advice.find((tip) => tip.cause !== "red_flag") ?? null,
      redFlags: toRedFlagNotices(insights.redFlags),
    };
    res.json(overview);
  });

  router.get("/load", (_req, res) => {
    const snap = deps.analysis.snapshot();
    res.json(toLoadView(snap.insights, snap.distances));
  });

  router.get("/cadence", (_req, res) => {
    res.json(toCadenceView(deps.analysis.snapshot().insights));
  });

  router.get("/insights", (_req, res) => {
    res.json(toInsightsView(deps.analysis.snapshot().insights));
  });

  return router;
}
