import { dataVersion, type Db } from "../../db/open.ts";
import { createActivitiesRepo } from "../../db/activities-repo.ts";
import { createAnalysisRepo } from "../../db/analysis-repo.ts";
import { createPainRepo } from "../../db/pain-repo.ts";
import { createSettingsRepo } from "../../db/settings-repo.ts";
import { createAnalysisService, type AnalysisService } from "./service.ts";

/** The analysis service over a database's repos, noticing commits made by other processes. */
export function openAnalysis(db: Db, now: () => Date): AnalysisService {
  return createAnalysisService({
    db,
    activities: createActivitiesRepo(db),
    cache: createAnalysisRepo(db),
    pain: createPainRepo(db),
    settings: createSettingsRepo(db),
    now,
    externalVersion: () => dataVersion(db),
  });
}
