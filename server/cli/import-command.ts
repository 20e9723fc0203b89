import { importSources } from "../app/import-sources.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";
import { formatOutcome, formatSummary, progressBar, toJson } from "./import-output.ts";

export interface ImportCommandOptions {
  data?: string | undefined;
  json?: boolean | undefined;
  threads?: number | "auto" | undefined;
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
    if (opts.json) process.stdout.write(`${toJson(report)}\n`);
    else process.stdout.write(`${formatSummary(report.summary)}\n`);
    process.exitCode = report.summary.rejected > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
