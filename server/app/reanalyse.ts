import { createAnalysisRepo } from "../db/analysis-repo.ts";
import type { Db } from "../db/open.ts";
import { PACK_FROM_FILES } from "./import/engine/engine.ts";
import { parseAndPrepare } from "./import/engine/parse-file.ts";
import type { PreparedRuns } from "./import/engine/prepared-runs.ts";
import { importContext, matchExisting } from "./import/store-file.ts";
import type { ImportProgress } from "./import/types.ts";

export interface ReanalyseReport {
  files: number;
  updated: number;
  added: number;
  removed: number;
  /** Originals the parser cannot read now: their stored activities are left as they were. */
  failed: { fileId: number; name: string; code: string; message: string }[];
}

/**
 * Re-reads every stored original and rebuilds its activities, laps and series, one transaction per file.
 * Activities keep their ids (matched by file and session index), so anything pointing at them survives.
 * Each run read is prepared into `prepared`, for the analysis that follows to read no original again.
 */
export function reanalyseAll(
  db: Db,
  opts: { onProgress?: (progress: ImportProgress) => void; prepared?: PreparedRuns } = {},
): ReanalyseReport {
  const ctx = importContext(db);
  const analysis = createAnalysisRepo(db);
  const report: ReanalyseReport = { files: 0, updated: 0, added: 0, removed: 0, failed: [] };
  analysis.clear();
  const fileIds = ctx.files.allIds();
  const settings = { prepare: opts.prepared !== undefined, pack: fileIds.length >= PACK_FROM_FILES };
  for (const [i, fileId] of fileIds.entries()) {
    const file = ctx.files.get(fileId);
    const bytes = ctx.files.bytes(fileId);
    if (!file || !bytes) continue;
    opts.onProgress?.({ done: i, total: fileIds.length, current: file.originalName });
    report.files++;
    const read = parseAndPrepare(bytes, settings);
    const { parsed } = read;
    if (!parsed.ok || parsed.activities.length === 0) {
      const why = parsed.ok ? { code: "no-activity", message: "No activity could be read." } : parsed;
      report.failed.push({ fileId, name: file.originalName, code: why.code, message: why.message });
      continue;
    }
    const ids = db.transaction(() => {
      const ids = new Map<number, number>();
      const existing = new Map(ctx.activities.listForFile(fileId).map((a) => [a.sessionIndex, a.id]));
      const deleted = ctx.activities.deletedSessions(fileId);
      const matches = matchExisting(ctx, parsed.activities, fileId);
      parsed.activities.forEach((activity, index) => {
        const id = existing.get(index);
        if (id !== undefined) {
          ctx.activities.replace(id, activity);
          ids.set(index, id);
          report.updated++;
        } else if (matches[index] === null && !deleted.has(index)) {
          ids.set(index, ctx.activities.insert(fileId, index, activity));
          report.added++;
        }
      });
      for (const [index, id] of existing) {
        if (index >= parsed.activities.length) {
          ctx.activities.delete(id);
          report.removed++;
        }
      }
      return ids;
    });
    for (const [index, id] of ids) opts.prepared?.keep(id, read, index);
  }
  ctx.activities.settleAssumedOffsets();
  // Cleared again: anything cached while this ran was computed from the old rows.
  analysis.clear();
  opts.onProgress?.({ done: fileIds.length, total: fileIds.length, current: null });
  return report;
}
