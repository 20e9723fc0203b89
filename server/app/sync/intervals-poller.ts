import type { Db } from "../../db/open.ts";
import { IntervalsError, type ClientOptions } from "./intervals-client.ts";
import { connectedClient } from "./intervals-connect.ts";
import { syncIntervals, type IntervalsSyncOptions, type IntervalsSyncReport } from "./intervals-sync.ts";

/** Between polls when all is well: runs arrive within the quarter hour, at 4 list requests an hour. */
export const POLL_INTERVAL_MS = 15 * 60_000;
/** The longest back-off after repeated errors. */
export const MAX_BACKOFF_MS = 4 * 60 * 60_000;

export interface PollerOptions {
  db: Db;
  dataDir: string;
  baseUrl: string;
  /** Before the first poll, so the server is up and answering first. */
  firstDelayMs?: number;
  client?: Partial<ClientOptions>;
  now?: () => Date;
  /** Told when runs came in (the analysis is recomputed). */
  onImported?: (report: IntervalsSyncReport) => void;
  /** Told one sentence when a poll fails; never the key. */
  onProblem?: (message: string) => void;
  /** How a server keeps its event loop free while it syncs (large files on a worker, the analysis sliced). */
  offEventLoop?: Pick<IntervalsSyncOptions, "offThread" | "analyse">;
}

export interface IntervalsPoller {
  /** Runs a poll now (or waits for the one running) and reschedules. */
  pollNow(): Promise<void>;
  stop(): void;
}

/** The delay before the next poll after `failures` failures in a row (exponential, capped). */
export function backoffMs(intervalMs: number, failures: number, retryAfterMs: number | null): number {
  const base = failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS);
  return Math.max(base, retryAfterMs ?? 0);
}

/** Polls intervals.icu while the server runs, when connected; backs off on 429 (Retry-After) and on errors. */
export function startIntervalsPoller(opts: PollerOptions): IntervalsPoller {
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void poll(), ms);
    timer.unref();
  };

  async function pollOnce(): Promise<number> {
    const client = connectedClient(opts.dataDir, { baseUrl: opts.baseUrl, ...opts.client });
    if (!client) return POLL_INTERVAL_MS;
    try {
      const report = await syncIntervals(opts.db, client, {
        ...opts.offEventLoop,
        ...(opts.now && { now: opts.now }),
      });
      if (report.summary.imported > 0) opts.onImported?.(report);
      if (report.stopCode !== null) {
        failures++;
        opts.onProblem?.(report.message ?? report.stopCode);
        return backoffMs(POLL_INTERVAL_MS, failures, report.retryAfterMs);
      }
      failures = 0;
      return POLL_INTERVAL_MS;
    } catch (err) {
      failures++;
      opts.onProblem?.(
        err instanceof IntervalsError ? err.message : `intervals.icu sync failed: ${String(err)}`,
      );
      return backoffMs(POLL_INTERVAL_MS, failures, null);
    }
  }

  function poll(): Promise<void> {
    running ??= pollOnce()
      .then((next) => schedule(next))
      .finally(() => {
        running = null;
      });
    return running;
  }

  schedule(opts.firstDelayMs ?? 5_000);
  return {
    pollNow: () => poll(),
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
