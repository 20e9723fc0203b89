import { parentPort } from "node:worker_threads";
import { DomainError } from "../errors.ts";
import { type RawFile, type Unpacked, unpack } from "./unpack.ts";

/** What goes back to the importer: the unpacked file, or the DomainError that refused it. */
export type WorkerReply =
  | { id: number; ok: true; unpacked: Unpacked }
  | { id: number; ok: false; code: string | null; message: string };

/**
 * The FIT bytes go back to the importer without a copy: read from disk they are in shared memory already,
 * unpacked from .gz their buffer is moved. The samples stay here: storage does not keep them.
 */
function transferables(u: Unpacked): ArrayBuffer[] {
  return u.bytes.buffer instanceof ArrayBuffer ? [u.bytes.buffer] : [];
}

parentPort?.on("message", (job: { id: number; file: RawFile }) => {
  let reply: WorkerReply;
  try {
    reply = { id: job.id, ok: true, unpacked: unpack(job.file, true) };
  } catch (err) {
    const code = err instanceof DomainError ? err.code : null;
    reply = { id: job.id, ok: false, code, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply, reply.ok ? transferables(reply.unpacked) : []);
});
