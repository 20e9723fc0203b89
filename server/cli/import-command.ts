import { importAndAnalyse } from "../app/import/import-and-analyse.ts";
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
  let stored = 0;
  try {
    const report = await importAndAnalyse(db, paths, {
      threads: opts.threads ?? "auto",
      analyse: opts.analysis !== false,
      onProgress: (p) => {
        bar.update(p);
        if (p.current !== null) return;
        bar.done();
        stored = performance.now();
      },
      onResult: (o) => {
        if (!opts.json) bar.line(formatOutcome(o));
      },
    });
    if (opts.json) process.stdout.write(`${toJson(report)}\n`);
    else process.stdout.write(`${formatSummary(report.summary)}\n`);
    if (report.analysis && !opts.json) {
      const seconds = ((performance.now() - stored) / 1000).toFixed(1);
      process.stdout.write(
        `Analysed ${report.analysis.analysed} of ${report.analysis.runs} runs in ${seconds} s.\n`,
      );
    }
    process.exitCode = report.summary.rejected > 0 ? 1 : 0;
  } finally {
    bar.done();
  }
}
