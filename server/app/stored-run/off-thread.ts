import { Worker } from "node:worker_threads";
import { emptySamples } from "../../../fit-parser/samples.ts";
import type { Samples } from "../../../fit-parser/types.ts";
import type { ActivitiesRepo, StoredActivity } from "../../db/activities-repo.ts";
import { workerScript } from "../import/engine/worker-script.ts";
import { OFF_THREAD_BYTES, type RunRow, cached, remember, samplesOf } from "../load-activity.ts";
import { type StoredRunTask, type TaskValue, runTask } from "./work.ts";
import type { StoredRunJob, StoredRunReply } from "./worker.ts";

/** A worker idle this long is stopped: its start is paid again only by the next large run. */
const IDLE_MS = 30_000;

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();

function failAll(err: Error): void {
  for (const job of pending.values()) job.reject(err);
  pending.clear();
}

function start(): Worker {
  const w = new Worker(workerScript("stored-run-worker", new URL("./worker.ts", import.meta.url)));
  // Never what keeps a process alive: a server has its socket, a command its own work.
  w.unref();
  w.on("message", (reply: StoredRunReply) => {
    const job = pending.get(reply.id);
    pending.delete(reply.id);
    if ("error" in reply) job?.reject(new Error(reply.error));
    else job?.resolve(reply.value);
    if (pending.size === 0) stopWhenIdle(w);
  });
  // A worker that dies (out of memory on some original) fails what it held; the next task starts another.
  w.on("error", (err) => {
    if (worker === w) worker = null;
    failAll(err);
  });
  w.on("exit", () => {
    if (worker === w) worker = null;
    failAll(new Error("the stored-run worker stopped"));
  });
  return w;
}

function stopWhenIdle(w: Worker): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (worker === w && pending.size === 0) {
      worker = null;
      void w.terminate();
    }
  }, IDLE_MS);
  idleTimer.unref();
}

function onWorker(job: Omit<StoredRunJob, "id">): Promise<unknown> {
  if (idleTimer) clearTimeout(idleTimer);
  worker ??= start();
  const id = nextId++;
  const w = worker;
  // Copied, not transferred: moving buffers measured no difference for the import's workers (docs/performance.md).
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ ...job, id } satisfies StoredRunJob);
  });
}

/**
 * Works `task` out from a stored run's samples without holding the event loop for a large run: samples kept
 * from a recent open are used here, a small original (under OFF_THREAD_BYTES, a few ms) is parsed here, and a
 * large one is parsed and worked on by a worker of its own, which sends back only the answer (and keeps nothing:
 * samples asked for are kept here for the next open).
 */
export async function workOnStoredRun<T extends StoredRunTask>(
  activities: ActivitiesRepo,
  stored: RunRow,
  task: T,
): Promise<TaskValue<T>> {
  const kept = cached(activities, stored);
  if (kept) return runTask(task, kept);
  const original = activities.original(stored.id);
  if (!original) return runTask(task, emptySamples(0));
  if (original.bytes.byteLength < OFF_THREAD_BYTES) return runTask(task, samplesOf(stored, original));
  const row: RunRow = {
    id: stored.id,
    startUtc: stored.startUtc,
    ...(stored.sampleCount !== undefined && { sampleCount: stored.sampleCount }),
    ...(stored.dateShiftS !== undefined && { dateShiftS: stored.dateShiftS }),
  };
  const value = (await onWorker({ row, original, task })) as TaskValue<T>;
  return task.kind === "samples" ? (remember(activities, stored, value as Samples) as TaskValue<T>) : value;
}

/** A stored activity with its samples (loadActivity), a large original parsed on the worker. */
export async function loadActivityAsync(
  activities: ActivitiesRepo,
  id: number,
): Promise<StoredActivity | null> {
  const stored = activities.get(id);
  return stored ? { ...stored, samples: await loadSamplesAsync(activities, stored) } : null;
}

/** loadSamples with a large original parsed on the worker. */
export function loadSamplesAsync(activities: ActivitiesRepo, stored: RunRow): Promise<Samples> {
  return workOnStoredRun(activities, stored, { kind: "samples" });
}
