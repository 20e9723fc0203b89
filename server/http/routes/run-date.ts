import { Router } from "express";
import { DomainError } from "../../errors.ts";
import type { ActivitiesRepo } from "../../db/activities-repo.ts";
import type { RunEditsRepo } from "../../db/run-edits-repo.ts";
import { dateMove, localClock } from "../../core/date-fix.ts";
import { isDateSuspect } from "../../core/plausible.ts";
import { type DateFixResult, dateFixSchema } from "../../api/index.ts";
import { parseId, parseInput, requireJson } from "../params.ts";

export interface RunDateDeps {
  activities: ActivitiesRepo;
  edits: RunEditsRepo;
  /** Today's local date: what "after tomorrow" is measured from. */
  today: () => string;
  /** Re-analysis: the run joins (or leaves) the time axes, the spikes and the pain comparison. */
  onChange: () => void;
}

/** `PUT /api/activities/:id/date`: confirm a doubtful date, move the run to the right one, or undo. */
export function runDateRoutes(deps: RunDateDeps): Router {
  const router = Router();
  router.put("/:id/date", requireJson, (req, res) => {
    const id = parseId(req.params.id, "Activity");
    const fix = parseInput(dateFixSchema, req.body, "date fix");
    const run = deps.activities.get(id);
    if (!run) throw new DomainError("activity-not-found", "There is no activity with that id.");
    const today = deps.today();
    if (fix.action === "confirm") {
      deps.edits.apply(id, { dateConfirmed: true });
    } else {
      const move = dateMove(fix, run, today);
      if (!move.ok) throw new DomainError("invalid-input", move.message);
      // A moved run is no longer "confirmed as it was"; an undo brings the doubt back with the file's date.
      deps.edits.apply(id, { dateShiftS: move.shiftS, dateConfirmed: false });
    }
    deps.onChange();
    const after = deps.activities.get(id);
    if (!after) throw new DomainError("activity-not-found", "There is no activity with that id.");
    const body: DateFixResult = {
      id,
      startUtc: after.startUtc,
      localDate: after.localDate,
      localStartTime: localClock(after.startUtc, after.utcOffsetS).localTime,
      dateShiftS: after.dateShiftS,
      dateConfirmed: after.dateConfirmed,
      dateSuspect: !after.dateConfirmed && isDateSuspect(after.localDate, today),
    };
    res.json(body);
  });
  return router;
}
