import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";

// Copies committed pages from the write-ahead log into the database file while the importer keeps
// writing: PASSIVE never blocks the writer, and the importing thread no longer pays for checkpoints.
const INTERVAL_MS = 50;

const db = new Database((workerData as { file: string }).file);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => db.pragma("wal_checkpoint(PASSIVE)"), INTERVAL_MS);

parentPort?.once("message", () => {
  clearInterval(timer);
  db.pragma("wal_checkpoint(PASSIVE)");
  db.close();
  parentPort?.postMessage("stopped");
});
