import { parentPort } from "node:worker_threads";
import { parseFit } from "../../fit-parser/index.ts";
import type { ParseResult } from "../../fit-parser/types.ts";

/** The sample columns' buffers: moved back to the importer, not copied. */
function transferables(result: ParseResult): ArrayBuffer[] {
  if (!result.ok) return [];
  return result.activities.flatMap((a) =>
    Object.values(a.samples).flatMap((column) =>
      ArrayBuffer.isView(column) && column.buffer instanceof ArrayBuffer ? [column.buffer] : [],
    ),
  );
}

parentPort?.on("message", (job: { id: number; bytes: Uint8Array }) => {
  const result = parseFit(job.bytes);
  parentPort?.postMessage({ id: job.id, result }, transferables(result));
});
