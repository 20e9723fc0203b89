import type { WarmReport } from "../app/analysis/warm.ts";
import { importSources } from "../app/import-sources.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
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
  const db = openDataDir(resolveDataDir(opts.data));
  const bar = progressBar();
  try {
    const report = await importSources(db, paths, {
      threads: opts.threads ?? "auto",
      onProgress: (p) => bar.update(p),
      onResult: (o) => {
        if (!opts.json) bar.line(formatOutcome(o));
      },
    });
    bar.done();
    // Analysed now, on every core, so the dashboard's first read is served from the caches.
    const started = performance.now();
    const analyse = opts.analysis !== false && report.summary.imported > 0;
    let warm: WarmReport | null = null;
    if (analyse) {
      // The analysis code loads only when there are new runs to analyse (an empty import skips its ~17 ms).
      const { warmAnalysis } = await import("../app/analysis/warm.ts");
      warm = await warmAnalysis(db, opts.threads ?? "auto");
    }
    if (opts.json) process.stdout.write(`${toJson(report)}\n`);
    else process.stdout.write(`${formatSummary(report.summary)}\n`);
    if (warm && !opts.json) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`Analysed ${warm.analysed} of ${warm.runs} runs in ${seconds} s.\n`);
    }
    process.exitCode = report.summary.rejected > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
