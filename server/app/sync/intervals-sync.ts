import { addDays } from "../../core/dates.ts";
import type { Db } from "../../db/open.ts";
import { createSyncLogRepo, type SyncFailure, type SyncLogRepo } from "../../db/sync-log-repo.ts";
import { analyseNewRuns } from "../analysis/analyse-new-runs.ts";
import { importAndAnalyse } from "../import/import-and-analyse.ts";
import { OFF_THREAD_BYTES } from "../load-activity.ts";
import { summarise, type ImportOutcome, type ImportReport } from "../import/types.ts";
import { IntervalsError, type IntervalsClient, type RemoteActivity } from "./intervals-client.ts";

export interface IntervalsSyncOptions {
  now?: () => Date;
  /** First sync only: how far back to list (YYYY-MM-DD). */
  since?: string;
  onOutcome?: (outcome: ImportOutcome) => void;
  /** Large downloads parsed on a worker, so a server's event loop stays free while it syncs. */
  offThread?: boolean;
  /** How the new runs are analysed once the sync is done; by default here, in one synchronous pass. */
  analyse?: () => Promise<unknown>;
}

export interface IntervalsSyncReport extends ImportReport {
  status: "ok" | "partial";
  /** Originals downloaded this time (0 when everything listed was handled before). */
  downloaded: number;
  /** Why the sync stopped early (rate limited, service unreachable), null when it went through. */
  message: string | null;
  /** The error code that ended the sync early (e.g. intervals-unreachable), null when it went through. */
  stopCode: string | null;
  /** Set when intervals.icu asked to slow down: wait this long before the next sync. */
  retryAfterMs: number | null;
}

const CURSOR = "intervals.cursor";
/** Re-listed before the cursor each time: an activity uploaded late (a watch synced days after) still arrives. */
const OVERLAP_DAYS = 3;
/** A download that failed is tried again on this many syncs, then left (the sync log says why). */
const MAX_ATTEMPTS = 3;
const DEFAULT_SINCE = "2000-01-01";
/** Days listed per request: the list has no paging of its own, so a long history is walked by date. */
const WINDOW_DAYS = 365;

/** The original named for the import: .fit.gz when its first bytes say gzip, whatever the headers claimed. */
function originalName(id: string, bytes: Uint8Array): string {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? `intervals-${id}.fit.gz` : `intervals-${id}.fit`;
}

function isRun(a: RemoteActivity): boolean {
  return a.type === null || /run/i.test(a.type);
}

/** Why an activity listed is not downloaded at all (null: download it). */
function notDownloaded(a: RemoteActivity): string | null {
  if (!a.available)
    return "intervals.icu does not share activities it got from Strava; import your Strava export instead.";
  if (!isRun(a)) return `Not a run (${a.type}).`;
  if (a.fileType !== null && a.fileType.toLowerCase() !== "fit")
    return `Its original is ${a.fileType.toUpperCase()}, not FIT.`;
  return null;
}

function dateWindows(from: string, to: string, days: number): [string, string][] {
  const out: [string, string][] = [];
  for (let start = from; start <= to; start = addDays(start, days)) {
    const end = addDays(start, days - 1);
    out.push([start, end < to ? end : to]);
  }
  return out;
}

interface Tally {
  results: ImportOutcome[];
  failures: SyncFailure[];
  downloaded: number;
}

/** Downloads and imports one listed activity unless it was handled before; a refused key or an outage throws. */
async function syncOne(
  db: Db,
  log: SyncLogRepo,
  client: IntervalsClient,
  a: RemoteActivity,
  t: Tally,
  now: () => Date,
  opts: IntervalsSyncOptions,
) {
  const seen = log.remote("intervals", a.id);
  if (seen && (seen.outcome !== "failed" || seen.attempts >= MAX_ATTEMPTS)) return;
  const display = `intervals.icu/${a.id}`;
  const date = a.startDateLocal?.slice(0, 10) ?? null;
  const stamp = now().toISOString();
  const record = (said: Omit<ImportOutcome, "file">): void => {
    const outcome = { ...said, file: display };
    t.results.push(outcome);
    opts.onOutcome?.(outcome);
    if (outcome.status === "rejected")
      t.failures.push({ file: display, message: outcome.message ?? "Rejected." });
  };
  const skip = notDownloaded(a);
  if (skip !== null) {
    log.markRemote("intervals", a.id, date, "skipped", stamp);
    return record({ status: "skipped", activityIds: [], code: "not-downloaded", message: skip });
  }
  let original: Uint8Array;
  try {
    original = await client.downloadOriginal(a.id);
    t.downloaded++;
  } catch (err) {
    if (!(err instanceof IntervalsError) || !["intervals-not-found", "intervals-error"].includes(err.code))
      throw err;
    log.markRemote("intervals", a.id, date, "failed", stamp);
    return record({ status: "rejected", activityIds: [], code: err.code, message: err.message });
  }
  // Analysed once the sync is done, not after each of its files (each analysis may refit the model).
  const report = await importAndAnalyse(db, [{ name: originalName(a.id, original), bytes: original }], {
    now: () => now().toISOString(),
    analyse: false,
    offThread: opts.offThread === true && original.byteLength >= OFF_THREAD_BYTES,
  });
  report.results.forEach(record);
  const statuses = report.results.map((o) => o.status);
  const outcome = statuses.includes("rejected")
    ? "failed"
    : statuses.includes("imported")
      ? "imported"
      : statuses.includes("duplicate")
        ? "duplicate"
        : "skipped";
  log.markRemote("intervals", a.id, date, outcome, stamp);
}

/**
 * Brings in what is new on intervals.icu: lists by date from the cursor (a few days back), downloads only
 * activities not handled before, and imports each through the one import path (which drops a run already
 * stored from a USB sync by hash or by device serial + start time). Logs what it did. A refused key throws;
 * a rate limit or an unreachable service ends the sync early with what came in so far kept.
 */
export function syncIntervals(
  db: Db,
  client: IntervalsClient,
  opts: IntervalsSyncOptions = {},
): Promise<IntervalsSyncReport> {
  // One at a time per database: the poll and a "Sync now" would otherwise download the same files twice.
  const previous = running.get(db) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => syncIntervalsNow(db, client, opts));
  running.set(db, next);
  return next;
}

const running = new WeakMap<Db, Promise<unknown>>();

async function syncIntervalsNow(
  db: Db,
  client: IntervalsClient,
  opts: IntervalsSyncOptions = {},
): Promise<IntervalsSyncReport> {
  const now = opts.now ?? (() => new Date());
  const log = createSyncLogRepo(db);
  const startedAt = now().toISOString();
  const today = startedAt.slice(0, 10);
  const cursor = log.state<string>(CURSOR);
  const from = cursor ? addDays(cursor, -OVERLAP_DAYS) : (opts.since ?? DEFAULT_SINCE);
  // A day ahead of UTC today: a runner east of Greenwich is already on tomorrow's date.
  const to = addDays(today, 1);
  const t: Tally = { results: [], failures: [], downloaded: 0 };
  // A rate limit or an outage stops the sync early (partial); a refused key or anything else fails it.
  let stopped: IntervalsError | null = null;
  let failed: unknown = null;
  try {
    for (const [oldest, newest] of dateWindows(from, to, WINDOW_DAYS)) {
      const listed = await client.listActivities(oldest, newest);
      listed.sort((x, y) => (x.startDateLocal ?? "").localeCompare(y.startDateLocal ?? ""));
      for (const a of listed) await syncOne(db, log, client, a, t, now, opts);
      log.setState(CURSOR, newest < today ? newest : today);
    }
  } catch (err) {
    if (err instanceof IntervalsError && err.code !== "intervals-key-refused") stopped = err;
    else failed = err;
  }
  const summary = summarise(t.results);
  if (failed === null && summary.imported > 0) await (opts.analyse ? opts.analyse() : analyseNewRuns(db));
  const status = stopped ? "partial" : "ok";
  const message = stopped?.message ?? null;
  log.record({
    source: "intervals",
    startedAt,
    finishedAt: now().toISOString(),
    status: failed !== null || (stopped && t.results.length === 0) ? "failed" : status,
    downloaded: t.downloaded,
    ...summary,
    message: failed === null ? message : failed instanceof Error ? failed.message : String(failed),
    failures: t.failures,
  });
  if (failed !== null) throw failed;
  return {
    results: t.results,
    summary,
    status,
    downloaded: t.downloaded,
    message,
    stopCode: stopped?.code ?? null,
    retryAfterMs: stopped?.retryAfterMs ?? null,
  };
}
