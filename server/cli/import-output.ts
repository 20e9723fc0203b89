import type { ImportOutcome, ImportProgress, ImportReport, ImportSummary } from "../app/import/types.ts";
import type { CliImportReport } from "../api/import.ts";

/** A one-line progress bar on stderr, redrawn in place; only on a terminal. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  let last = "";
  const clear = (): void => {
    if (enabled && last !== "") stream.write("\r\x1b[K");
  };
  return {
    update(p: ImportProgress): void {
      if (!enabled) return;
      const width = 24;
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
      const head = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done}/${p.total} `;
      const room = Math.max(0, (stream.columns ?? 80) - head.length - 1);
      const current = p.current ?? "";
      last = head + (current.length > room ? `…${current.slice(current.length - room + 1)}` : current);
      stream.write(`\r\x1b[K${last}`);
    },
    /** Prints a line above the bar, then redraws it. */
    line(text: string, out: NodeJS.WriteStream = process.stdout): void {
      clear();
      out.write(`${text}\n`);
      if (enabled && last !== "") stream.write(last);
    },
    done(): void {
      clear();
      last = "";
    },
  };
}

export function formatOutcome(o: ImportOutcome): string {
  const n = o.activityIds.length;
  const detail =
    o.status === "imported"
      ? `${n} ${n === 1 ? "activity" : "activities"}${o.message ? `; ${o.message}` : ""}`
      : `${o.code ?? ""}: ${o.message ?? ""}`;
  return `${o.status.padEnd(9)} ${o.file} (${detail})`;
}

export function formatSummary(s: ImportSummary): string {
  return `${s.imported} imported, ${s.duplicate} duplicate, ${s.skipped} skipped, ${s.rejected} rejected`;
}

/** The --json shape: every key present, null where a file has no code or message. */
export function toJson(report: ImportReport): string {
  const results = report.results.map((r) => ({
    file: r.file,
    status: r.status,
    activityIds: r.activityIds,
    code: r.code ?? null,
    message: r.message ?? null,
  }));
  const out: CliImportReport = { results, summary: report.summary };
  return JSON.stringify(out);
}
