import type { Db } from "../db/open.ts";

/** Work done between two yields to waiting requests: small originals are still parsed on this thread. */
const SLICE_MS = 15;

/**
 * Works through `items` a few milliseconds at a time, yielding to waiting requests in between, and hands each
 * slice's results to `save` before it yields. Stops, false, once the database is closed (the server stopping).
 */
export async function workInSlices<T, R>(
  db: Db,
  items: Iterable<T>,
  work: (item: T) => Promise<R>,
  save: (done: [T, R][]) => void,
): Promise<boolean> {
  let done: [T, R][] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    done.push([item, await work(item)]);
    if (!db.sqlite.open) return false;
    if (performance.now() - sliceStart > SLICE_MS) {
      save(done);
      done = [];
      await new Promise((resolve) => setImmediate(resolve));
      if (!db.sqlite.open) return false;
      sliceStart = performance.now();
    }
  }
  if (done.length > 0) save(done);
  return true;
}
