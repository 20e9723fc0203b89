import { parseFit } from "../../fit-parser/index.ts";
import { prepareRun, type PreparedRun } from "../core/prepared-run.ts";
import { type StorableParse, isRunSport, storableParse } from "../db/activity-rows.ts";

/**
 * A file's parse as the import carries it: what storage keeps, and for each run session what its analysis
 * reads from the samples (null for other sports and runs without samples). Prepared while the samples are
 * at hand, on the parse worker, so the analysis after the import need not read and parse the file again.
 */
export interface ImportParse {
  parsed: StorableParse;
  prepared: (PreparedRun | null)[];
}

/** `prepare` false: nothing analyses the runs now (`--no-analysis`), so nothing is prepared. */
export function parseForImport(bytes: Uint8Array, prepare: boolean): ImportParse {
  const result = parseFit(bytes);
  const run = (a: { sport: string; samples: { count: number } }): boolean =>
    isRunSport(a.sport) && a.samples.count > 0;
  const prepared =
    result.ok && prepare ? result.activities.map((a) => (run(a) ? prepareRun(a.samples) : null)) : [];
  return { parsed: storableParse(result), prepared };
}

/** The buffers behind prepared runs' columns, each once: moved to the importing thread, not copied. */
export function preparedBuffers(prepared: readonly (PreparedRun | null)[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const p of prepared) {
    if (!p?.running) continue;
    const { timeS, dtS, runningAtS, speedMps, cadenceSpm, breakBefore, sourceIndex } = p.running;
    for (const column of [timeS, dtS, runningAtS, speedMps, cadenceSpm, breakBefore, sourceIndex]) {
      const whole = column.byteOffset === 0 && column.byteLength === column.buffer.byteLength;
      if (whole && column.buffer instanceof ArrayBuffer) buffers.add(column.buffer);
    }
  }
  return [...buffers];
}
