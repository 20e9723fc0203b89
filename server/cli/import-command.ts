import type { WarmReport } from "../app/analysis/warm.ts";
import { PreparedRuns } from "../app/analysis/prepared-runs.ts";
import { importSources } from "../app/import-sources.ts";
import type { Db } from "../db/open.ts";
import { withDataDb } from "./with-data-db.ts";
import { formatOutcome, formatSummary, progressBar, toJson } from "./import-output.ts";

export interface ImportCommandOptions {
  data?: string | undefined;
  json?: boolean | undefined;
  threads?: number | "auto" | undefined;
  /** Analyse (and cache) every run after storing; default true. */
  analysis?: boolean | undefined;
}

/** Imports paths into the data folder, printing per-file lines (or JSON); exit status 1 if any was rejected. */
export async function runImport(paths: string[], opts: ImportCommandOptions): Promise<void> {
  await withDataDb(opts.data, (db) => importInto(db, paths, opts), "write");
}

async function importInto(db: Db, paths: string[], opts: ImportCommandOptions): Promise<void> {
  const bar = progressBar();
  const analyse = opts.analysis !== false;
  // What the parse already worked out for each new run's analysis, so the analysis need not parse again.
  const prepared = analyse ? new PreparedRuns() : undefined;
  try {
    const analysed: { warm: WarmReport | null; started: number } = { warm: null, started: 0 };
    const report = await importSources(db, paths, {
      threads: opts.threads ?? "auto",
      ...(prepared && { prepared }),
      onProgress: (p) => bar.update(p),
      onResult: (o) => {
        if (!opts.json) bar.line(formatOutcome(o));
      },
      // Analysed now, on every core, so the dashboard's first read is served from the caches.
      afterStore: async ({ summary }) => {
        bar.done();
        analysed.started = performance.now();
        if (!analyse || summary.imported === 0) return;
        // The analysis code loads only when there are new runs to analyse (an empty import skips its ~17 ms).
        const { warmAnalysis } = await import("../app/analysis/warm.ts");
        analysed.warm = await warmAnalysis(db, opts.threads ?? "auto", prepared);
      },
    });
    if (opts.json) process.stdout.write(`${toJson(report)}\n`);
    else process.stdout.write(`${formatSummary(report.summary)}\n`);
    const { warm } = analysed;
    if (warm && !opts.json) {
      const seconds = ((performance.now() - analysed.started) / 1000).toFixed(1);
      process.stdout.write(`Analysed ${warm.analysed} of ${warm.runs} runs in ${seconds} s.\n`);
    }
    process.exitCode = report.summary.rejected > 0 ? 1 : 0;
  } finally {
    bar.done();
  }
}
