import { Router } from "express";
import { DomainError } from "../../errors.ts";
import type { DemoRepo } from "../../db/demo-repo.ts";
import type { ImportReport } from "../../app/import/types.ts";
import {
  DELETE_ALL_PHRASE,
  type DeletedAll,
  type DemoRemoved,
  type DemoStatus,
  type ImportResponse,
  deleteAllSchema,
  demoLoadSchema,
} from "../../api/index.ts";
import { parseInput, requireJson } from "../params.ts";

export interface DataRouteDeps {
  demo: DemoRepo;
  loadDemo?: () => Promise<ImportReport>;
  onChange: () => void;
  /** What lives beside the database and goes too (the intervals.icu key, so no sync brings the runs back). */
  forgetOutside: () => void;
}

/** The demo kept apart from real runs (status, load, remove) and "delete all data". */
export function dataRoutes(deps: DataRouteDeps): Router {
  const router = Router();

  router.get("/demo", (_req, res) => {
    const { demo, real } = deps.demo.runCounts();
    const status: DemoStatus = { demoRuns: demo, realRuns: real };
    res.json(status);
  });

  // No requireJson: an empty POST (the first-run button, older clients) is a load without confirmation.
  router.post("/demo", async (req, res) => {
    if (!deps.loadDemo) throw new DomainError("not-found", "The demo is not available on this server.");
    const { confirm } = parseInput(demoLoadSchema, req.body ?? {}, "demo request");
    const { real } = deps.demo.runCounts();
    if (real > 0 && !confirm) {
      throw new DomainError(
        "confirm-needed",
        `This folder already holds ${real} of your own runs. The demo would be added beside them (tagged, and removable in one step); send {"confirm": true} to go ahead.`,
      );
    }
    const report = await deps.loadDemo();
    deps.onChange();
    const view: ImportResponse = { results: report.results, summary: report.summary };
    res.json(view);
  });

  router.delete("/demo", (_req, res) => {
    const { files } = deps.demo.remove();
    deps.onChange();
    const view: DemoRemoved = { removedFiles: files };
    res.json(view);
  });

  router.post("/data/delete-all", requireJson, (req, res) => {
    const { confirm } = parseInput(deleteAllSchema, req.body, "delete request");
    if (confirm.trim().toLowerCase() !== DELETE_ALL_PHRASE) {
      throw new DomainError(
        "confirm-needed",
        `To delete every run, original file, pain entry, shoe, setting and connection, type "${DELETE_ALL_PHRASE}".`,
      );
    }
    deps.demo.wipeAll();
    deps.forgetOutside();
    deps.onChange();
    const view: DeletedAll = { deleted: true };
    res.json(view);
  });

  return router;
}
