import type { Db } from "../../db/open.ts";
import { analyseNewRuns } from "../analysis/analyse-new-runs.ts";
import { type ParsedFile, startEngine } from "./engine/engine.ts";
import { PreparedRuns } from "./engine/prepared-runs.ts";
import { expandSources } from "./sources.ts";
import { storeBatch } from "./store-batch.ts";
import { importContext } from "./store-file.ts";
import {
  type ArchiveLimits,
  type ImportOptions,
  type ImportOutcome,
  type ImportReport,
  type ImportSource,
  DEFAULT_LIMITS,
  summarise,
} from "./types.ts";

/** Files stored in one transaction (each in its own savepoint): see storeBatch. */
const STORE_BATCH = 8;

/**
 * The one import, for the CLI, the upload, the demo and folder sync: files, .fit.gz, zips (nested too),
 * folders and uploaded bytes in any mix. Expand → read → hash → dedupe → parse → store → analyse what
 * changed. Each file is stored in its own savepoint; a bad file is reported and the batch goes on.
 */
export async function importAndAnalyse(
  db: Db,
  sources: readonly ImportSource[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const limits: ArchiveLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const analyse = options.analyse ?? true;
  const ctx = importContext(db, options.now);
  // Expand: folders walked, archives listed (every cap checked), into one flat list of files.
  const { files, close } = await expandSources(sources, limits, options.tempDir);
  // Read, hash, dedupe against the stored originals, parse: on this thread, or spread over workers.
  const engine = startEngine({
    db,
    threads: options.threads ?? 0,
    workersOnly: options.offThread ?? false,
    files: files.length,
    prepare: analyse,
    isKnown: (hash) => ctx.files.findBySha256(hash) !== null,
    knownHashes: () => ctx.files.allHashes(),
  });
  // The runs as prepared at parse time, for the analysis: no original is read and parsed again.
  const prepared = new PreparedRuns();
  const results: ImportOutcome[] = [];
  const total = files.length;
  try {
    let batch: ParsedFile[] = [];
    let seen = 0;
    const onTurn = (i: number): void =>
      options.onProgress?.({ done: i, total, current: files[i]?.display ?? null });
    for await (const file of engine.parseAll(files, onTurn)) {
      seen++;
      batch.push(file);
      if (batch.length < STORE_BATCH && seen < total) continue;
      // Store: originals and new sessions, each file alone if the batch's transaction fails.
      for (const outcome of storeBatch(ctx, batch, prepared)) {
        results.push(outcome);
        options.onResult?.(outcome);
      }
      batch = [];
    }
    options.onProgress?.({ done: total, total, current: null });
    const summary = summarise(results);
    // Date: runs whose files record no UTC offset take their nearest run's, whatever order the files came in.
    if (summary.imported > 0) ctx.activities.settleAssumedOffsets();
    // Analyse what changed, so the dashboard's next read finds every result cached. Before the engine closes:
    // its last checkpoint then runs beside the analysis, not ahead of it.
    const analysis =
      analyse && summary.imported > 0 ? analyseNewRuns(db, prepared, new Date(ctx.now())) : null;
    return { results, summary, analysis };
  } finally {
    close();
    await engine.close();
  }
}
