import type { PreparedRun } from "../../../core/prepared-run.ts";
import { type PackedRun, packedBytes, unpackRun } from "./packed-run.ts";
import type { ParsedRuns } from "./parse-file.ts";

/**
 * An hour of 1 s running is about 160 KiB as prepared, about 40 KiB packed (a long import packs, see
 * PACK_FROM_FILES), so this keeps 1,600 hours of a short import and several thousand of a long one: the
 * generated ten-year history (2,080 runs, 2,023 hours, ~110 MiB packed) fits, and its import reads no original
 * twice. A longer history re-reads its oldest runs (docs/performance.md has what each costs).
 */
export const PREPARED_BUDGET_BYTES = 256 * 2 ** 20;

/**
 * The runs an import prepared, by activity id, for the analysis that follows it. Over budget, the most
 * recent runs are the ones kept: the model's fit reads those, and they are what a runner looks at first.
 */
export class PreparedRuns {
  private readonly runs = new Map<number, { packed: PackedRun; startUtc: string; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budgetBytes = PREPARED_BUDGET_BYTES) {}

  add(id: number, startUtc: string, packed: PackedRun): void {
    const bytes = packedBytes(packed);
    if (bytes > this.budgetBytes) return;
    while (this.bytes + bytes > this.budgetBytes) {
      const oldest = this.oldest();
      // Older than every run kept: this one is the one left out.
      if (oldest === null || oldest.startUtc > startUtc) return;
      this.drop(oldest.id);
    }
    this.runs.set(id, { packed, startUtc, bytes });
    this.bytes += bytes;
  }

  /** Keeps session `index`'s prepared run, if it has one, under the id it was stored as. */
  keep(id: number, { parsed, prepared }: ParsedRuns, index: number): void {
    const run = prepared[index];
    const session = parsed.ok ? parsed.activities[index] : undefined;
    if (run && session) this.add(id, session.startUtc, run);
  }

  has(id: number): boolean {
    return this.runs.has(id);
  }

  /** The run unpacked, and let go: the analysis reads each run once. */
  take(id: number): PreparedRun | undefined {
    const kept = this.runs.get(id);
    if (kept) this.drop(id);
    return kept && unpackRun(kept.packed);
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
