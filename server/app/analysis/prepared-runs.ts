import type { PreparedRun } from "../../core/prepared-run.ts";

/**
 * Prepared running is about 160 KiB an hour, so this keeps about 2,400 hours: the generated ten-year history
 * (2,080 runs, 2,023 hours, 311 MiB prepared) fits, and its import reads no original twice. A longer history
 * re-reads its oldest runs (docs/performance.md has what each costs).
 */
export const PREPARED_BUDGET_BYTES = 384 * 2 ** 20;

/** Bytes a prepared run holds on to: its running samples' columns, and a little for the rest. */
function sizeOf(p: PreparedRun): number {
  const columns = Object.values(p.running ?? {}).reduce(
    (sum: number, v: unknown) => sum + (ArrayBuffer.isView(v) ? v.byteLength : 0),
    0,
  );
  return 256 + columns + (p.reference?.points.length ?? 0) * 64;
}

/**
 * The runs an import prepared, by activity id, for the analysis that follows it. Over budget, the most
 * recent runs are the ones kept: the model's fit reads those, and they are what a runner looks at first.
 */
export class PreparedRuns {
  private readonly runs = new Map<number, { prepared: PreparedRun; startUtc: string; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budgetBytes = PREPARED_BUDGET_BYTES) {}

  add(id: number, startUtc: string, prepared: PreparedRun): void {
    const bytes = sizeOf(prepared);
    if (bytes > this.budgetBytes) return;
    while (this.bytes + bytes > this.budgetBytes) {
      const oldest = this.oldest();
      // Older than every run kept: this one is the one left out.
      if (oldest === null || oldest.startUtc > startUtc) return;
      this.drop(oldest.id);
    }
    this.runs.set(id, { prepared, startUtc, bytes });
    this.bytes += bytes;
  }

  get(id: number): PreparedRun | undefined {
    return this.runs.get(id)?.prepared;
  }

  get size(): number {
    return this.runs.size;
  }

  private oldest(): { id: number; startUtc: string } | null {
    let found: { id: number; startUtc: string } | null = null;
    for (const [id, run] of this.runs) {
      if (found === null || run.startUtc < found.startUtc) found = { id, startUtc: run.startUtc };
    }
    return found;
  }

  private drop(id: number): void {
    this.bytes -= this.runs.get(id)?.bytes ?? 0;
    this.runs.delete(id);
  }
}
