import { parentPort, workerData } from "node:worker_threads";
import type { RawFile } from "../read-file.ts";
import { type FileResult, type ParseSettings, parseFile } from "./parse-file.ts";
import { packedBuffers } from "./packed-run.ts";
import { ownedBuffers } from "./transfer.ts";

/** What a parse worker is started with: how to parse, and the hashes of the originals stored already. */
export interface ParseWorkerData {
  settings: ParseSettings;
  known: string[];
}

export interface ParseJob {
  id: number;
  file: RawFile;
}

export interface ParseReply {
  id: number;
  result: FileResult;
}

const { settings, known } = workerData as ParseWorkerData;
const stored = new Set(known);

/** The bytes and the prepared runs' columns go back moved, not copied (bytes read from disk are shared already). */
function transferList(result: FileResult): ArrayBuffer[] {
  if (result.kind !== "parsed") return [];
  // A set: a run prepared unpacked may share its columns with the samples.
  const prepared = [...new Set([...packedBuffers(result.prepared), ...ownedBuffers(result.samples ?? [])])];
  return result.bytes.buffer instanceof ArrayBuffer ? [result.bytes.buffer, ...prepared] : prepared;
}

parentPort?.on("message", ({ id, file }: ParseJob) => {
  const result = parseFile(file, (hash) => stored.has(hash), settings);
  const reply: ParseReply = { id, result };
  parentPort?.postMessage(reply, transferList(result));
});

// Loaded (Garmin's profile read): the pool sends jobs from now on.
parentPort?.postMessage("ready");
