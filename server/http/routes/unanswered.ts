import { Router } from "express";
import type { AnalysisService, AnalysisSnapshot } from "../../app/analysis/service.ts";
import { toListItem } from "../../app/analysis/views.ts";
import { unansweredRuns } from "../../core/unanswered.ts";
import type { PainRepo } from "../../db/pain-repo.ts";
import type { ActivityListItem } from "../api-types.ts";

export interface UnansweredRouteDeps {
  analysis: AnalysisService;
  pain: PainRepo;
}

/** The recent runs still waiting for a hip answer, shaped as run list items. */
export function unansweredList(snap: AnalysisSnapshot, pain: PainRepo): ActivityListItem[] {
  const { insights } = snap;
  const painDates = new Set(pain.list().map((e) => e.date));
  const findings = new Map(insights.runs.map((r) => [r.runId, r]));
  const days = insights.runs.map((r) => ({ runId: r.runId, localDate: r.localDate }));
  return unansweredRuns(days, painDates, insights.today).flatMap((r) => {
    const summary = snap.summaries.get(r.runId);
    return summary ? [toListItem(summary, findings.get(r.runId))] : [];
  });
}

/** GET /api/pain/unanswered: mounted before the pain routes, whose /:id would take the word for an id. */
export function unansweredRoutes(deps: UnansweredRouteDeps): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    res.json(unansweredList(deps.analysis.snapshot(), deps.pain));
  });
  return router;
}
