import { parentPort } from "node:worker_threads";
import type { Samples } from "../../../../fit-parser/types.ts";
import { type PackedRun, prepareToKeep } from "./packed-run.ts";
import { DomainError } from "../../../errors.ts";
import { type Preparing, preparedBuffers } from "./parse-file.ts";
import { buffersOf } from "./transfer.ts";
import { type RawFile, type Unpacked, unpack } from "../read-file.ts";

/** A file to read, unpack, hash (and parse); or a run's samples, parsed elsewhere, to prepare for its analysis. */
export type WorkerJob =
  | { id: number; kind: "file"; file: RawFile; parse: { prepare: Preparing } | null }
  | { id: number; kind: "prepare"; samples: Samples; compact: boolean };

/** What goes back to the importer: the job's result, or the DomainError that refused it. */
export type WorkerReply =
  | { id: number; ok: true; result: Unpacked | PackedRun; returned?: ArrayBuffer[] }
  | { id: number; ok: false; code: string | null; message: string };

/**
 * The FIT bytes go back to the importer without a copy: read from disk they are in shared memory already,
 * unpacked from .gz their buffer is moved. The samples stay here (storage does not keep them); what the
 * analysis reads of them is prepared here and moved too. Samples lent for preparing go back with it.
 */
function transferables(job: WorkerJob, result: Unpacked | PackedRun, returned: ArrayBuffer[]): ArrayBuffer[] {
  if (job.kind === "prepare") return [...preparedBuffers([result as PackedRun]), ...returned];
  const u = result as Unpacked;
  const prepared = u.parsed ? preparedBuffers(u.parsed.prepared) : [];
  return u.bytes.buffer instanceof ArrayBuffer ? [u.bytes.buffer, ...prepared] : prepared;
}

function run(job: WorkerJob): Unpacked | PackedRun {
  if (job.kind === "prepare") return prepareToKeep(job.samples, job.compact);
  return unpack(job.file, job.parse);
}

/** The buffers of samples lent to be prepared: read, and not kept by what was prepared from them. */
function lentBuffers(job: WorkerJob): ArrayBuffer[] {
  return job.kind === "prepare" ? buffersOf([job.samples], () => true) : [];
}

parentPort?.on("message", (job: WorkerJob) => {
  let reply: WorkerReply;
  const returned = lentBuffers(job);
  try {
    reply = { id: job.id, ok: true, result: run(job), returned };
  } catch (err) {
    const code = err instanceof DomainError ? err.code : null;
    reply = { id: job.id, ok: false, code, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply, reply.ok ? transferables(job, reply.result, returned) : []);
});

// Loaded (Garmin's profile read): the pool sends jobs from now on.
parentPort?.postMessage("ready");
