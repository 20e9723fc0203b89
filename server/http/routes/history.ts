import { Router } from "express";
import type { AnalysisService } from "../../app/analysis/service.ts";
import { recordsFor } from "../../app/records.ts";
import { addDays } from "../../core/dates.ts";
import { isTooShort } from "../../core/plausible.ts";
import { painByShoe } from "../../core/shoe-context.ts";
import type { ActivitiesRepo } from "../../db/activities-repo.ts";
import { searchActivities } from "../../db/activity-search.ts";
import type { Db } from "../../db/open.ts";
import type { PainRepo } from "../../db/pain-repo.ts";
import type { ShoesRepo } from "../../db/shoes-repo.ts";
import {
  type CalendarDay,
  type CalendarView,
  type PersonalRecordView,
  type ShoeContext,
  calendarQuerySchema,
} from "../../api/index.ts";
import { parseInput } from "../params.ts";

export interface HistoryRouteDeps {
  db: Db;
  activities: ActivitiesRepo;
  analysis: AnalysisService;
  pain: PainRepo;
  shoes: ShoesRepo;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Personal records, the month calendar, and shoes as exploratory context. */
export function historyRoutes(deps: HistoryRouteDeps): Router {
  const router = Router();

  router.get("/records", (_req, res) => {
    const runs = [...deps.analysis.snapshot().summaries.values()];
    const records: PersonalRecordView[] = recordsFor(deps.db, deps.activities, runs);
    res.json(records);
  });

  router.get("/calendar", (req, res) => {
    const month =
      parseInput(calendarQuerySchema, req.query, "query").month ?? deps.analysis.today().slice(0, 7);
    const from = `${month}-01`;
    const to = lastDayOf(month);
    const days = new Map<string, CalendarDay>();
    for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, { date: d, runs: [], painSeverity: null });
    let totalDistanceM = 0;
    for (const a of searchActivities(deps.db, { runsOnly: true, from, to }).reverse()) {
      if (isTooShort(a)) continue;
      days.get(a.localDate)?.runs.push({ id: a.id, distanceM: a.distanceM ?? 0, name: a.name });
      totalDistanceM += a.distanceM ?? 0;
    }
    for (const e of deps.pain.list({ from, to })) {
      const day = days.get(e.date);
      if (day) day.painSeverity = Math.max(day.painSeverity ?? 0, e.severity);
    }
    const view: CalendarView = { month, days: [...days.values()], totalDistanceM };
    res.json(view);
  });

  router.get("/insights/shoes", (_req, res) => {
    const snap = deps.analysis.snapshot();
    const names = new Map(deps.shoes.list().map((s) => [s.id, s.name]));
    const rows = painByShoe(
      snap.insights.runs.map((r) => ({
        shoeId: snap.summaries.get(r.runId)?.shoeId ?? null,
        eligible: r.pain.eligible,
        painEvent: r.pain.painEvent,
      })),
    );
    const view: ShoeContext = {
      exploratory: true,
      note: "Exploratory only: which shoe you wore is not one of the tested causes, and small counts mean little. Differences here are worth a look, not a conclusion.",
      shoes: rows.map((r) => ({
        ...r,
        name: r.shoeId === null ? "No shoe set" : (names.get(r.shoeId) ?? "Deleted pair"),
      })),
    };
    res.json(view);
  });

  return router;
}
