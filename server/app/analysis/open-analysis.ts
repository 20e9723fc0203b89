import type { Db } from "../../db/open.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { createPainRepo } from "../../db/pain-repo.ts";
import { createSettingsRepo } from "../../db/settings-repo.ts";
import { createAnalysisService, type AnalysisService } from "./service.ts";

/** The analysis service over a database's repos (what the CLI's report uses; the server builds its own). */
export function openAnalysis(db: Db, now: () => Date): AnalysisService {
  return createAnalysisService({
    activities: createActivitiesRepo(db),
    pain: createPainRepo(db),
    settings: createSettingsRepo(db),
    now,
  });
}
