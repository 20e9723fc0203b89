import { parentPort } from "node:worker_threads";
import { DomainError } from "../errors.ts";
import { preparedBuffers } from "./import-parse.ts";
import { type RawFile, type Unpacked, unpack } from "./unpack.ts";

/** What goes back to the importer: the unpacked file, or the DomainError that refused it. */
export type WorkerReply =
  | { id: number; ok: true; unpacked: Unpacked }
  | { id: number; ok: false; code: string | null; message: string };

/**
 * The FIT bytes go back to the importer without a copy: read from disk they are in shared memory already,
 * unpacked from .gz their buffer is moved. The samples stay here (storage does not keep them); what the
 * analysis reads of them is prepared here and moved too.
 */
function transferables(u: Unpacked): ArrayBuffer[] {
  const prepared = u.parsed ? preparedBuffers(u.parsed.prepared) : [];
  return u.bytes.buffer instanceof ArrayBuffer ? [u.bytes.buffer, ...prepared] : prepared;
}

parentPort?.on("message", (job: { id: number; file: RawFile; prepare: boolean }) => {
  let reply: WorkerReply;
  try {
    reply = { id: job.id, ok: true, unpacked: unpack(job.file, { prepare: job.prepare }) };
  } catch (err) {
    const code = err instanceof DomainError ? err.code : null;
    reply = { id: job.id, ok: false, code, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply, reply.ok ? transferables(reply.unpacked) : []);
});

// Loaded (Garmin's profile read): the pool sends files from now on.
parentPort?.postMessage("ready");
