import { parentPort, workerData } from "node:worker_threads";
import { openCheckpointConnection } from "../../../db/maintenance.ts";

// Checkpoints every 50 ms while the importer writes, so the importing thread no longer pays for them.
const INTERVAL_MS = 50;

const connection = openCheckpointConnection((workerData as { file: string }).file);
const timer = setInterval(connection.checkpoint, INTERVAL_MS);

parentPort?.once("message", () => {
  clearInterval(timer);
  connection.checkpoint();
  connection.close();
  parentPort?.postMessage("stopped");
});
