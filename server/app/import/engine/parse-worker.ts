import { parentPort, workerData } from "node:worker_threads";
import type { RawFile } from "../read-file.ts";
import { type FileResult, type ParseSettings, parseFile } from "./parse-file.ts";

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

parentPort?.on("message", ({ id, file }: ParseJob) => {
  const result = parseFile(file, (hash) => stored.has(hash), settings);
  // Copied back, not transferred: moving the columns measured no gain on ten years (docs/performance.md).
  parentPort?.postMessage({ id, result } satisfies ParseReply);
});

// Loaded (Garmin's profile read): the pool sends jobs from now on.
parentPort?.postMessage("ready");
