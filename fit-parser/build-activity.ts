import type { FitMessages, LapMesg, SessionMesg } from "@garmin/fitsdk";
import { isFootSport } from "./cadence.ts";
import type { RecordColumns } from "./decoder/columns.ts";
import { deviceOf } from "./device.ts";
import { warning } from "./errors.ts";
import { buildSamples, orderRecords } from "./samples.ts";
import { enumValue, plausibleActivity } from "./plausible.ts";
import { buildLap, sessionSummary } from "./summary.ts";
import type { Activity, ParseWarning, Samples } from "./types.ts";
import { FIT_EPOCH_MS, fitSecondsMs, num, timeMs } from "./values.ts";

const MAX_OFFSET_S = 14 * 3600;
const OFFSET_STEP_S = 15 * 60;

export interface Built {
  activities: Activity[];
  warnings: ParseWarning[];
}

/** activity.local_timestamp − activity.timestamp, kept only when it is a real time-zone offset. */
export function utcOffsetOf(messages: FitMessages, warnings: ParseWarning[]): number | null {
  const act = messages.activityMesgs?.[0];
  if (act === undefined) return null;
  const local = num(
    act.localTimestamp instanceof Date ? act.localTimestamp.getTime() / 1000 : act.localTimestamp,
  );
  const utcMs = timeMs(act.timestamp);
  if (!Number.isFinite(local) || !Number.isFinite(utcMs)) return null;
  const offset = Math.round(local - (utcMs - FIT_EPOCH_MS) / 1000);
  if (Math.abs(offset) <= MAX_OFFSET_S && offset % OFFSET_STEP_S === 0) return offset;
  warnings.push(
    warning(
      "bad-utc-offset",
      "The file's local time does not match a real time zone, so dates are shown in UTC.",
    ),
  );
  return null;
}

export function localDateOf(startMs: number, offsetS: number | null): string {
  return new Date(startMs + (offsetS ?? 0) * 1000).toISOString().slice(0, 10);
}

function hasDynamics(
  s: Samples,
  summary: Pick<
    Activity,
    "avgStepLengthM" | "avgVerticalOscillationMm" | "avgVerticalRatioPct" | "avgStanceTimeMs"
  >,
): boolean {
  if (summary.avgStepLengthM !== null || summary.avgVerticalOscillationMm !== null) return true;
  if (summary.avgVerticalRatioPct !== null || summary.avgStanceTimeMs !== null) return true;
  for (const c of [s.stepLengthM, s.verticalOscillationMm, s.verticalRatioPct, s.stanceTimeMs]) {
    for (let i = 0; i < c.length; i++) if (Number.isFinite(c[i])) return true;
  }
  return false;
}

interface Window {
  session: SessionMesg | null;
  startMs: number;
  endMs: number;
}

/** Session time windows: start_time + total_elapsed_time (works for summary-first files too). */
function windowsOf(sessions: readonly SessionMesg[], ts: Float64Array, rows: Uint32Array): Window[] {
  const firstRec = rows.length > 0 ? fitSecondsMs(ts[rows[0] as number] as number) : Number.NaN;
  const lastRec = rows.length > 0 ? fitSecondsMs(ts[rows[rows.length - 1] as number] as number) : Number.NaN;
  if (sessions.length === 0) {
    return Number.isFinite(firstRec) ? [{ session: null, startMs: firstRec, endMs: lastRec }] : [];
  }
  const wins = sessions.map((s): Window => {
    const elapsed = num(s.totalElapsedTime);
    const end = timeMs(s.timestamp);
    let start = timeMs(s.startTime);
    if (!Number.isFinite(start)) start = Number.isFinite(elapsed) ? end - elapsed * 1000 : firstRec;
    // Some watches stamp the session later than start + elapsed: take whichever ends last.
    const stop = Math.max(
      Number.isFinite(elapsed) ? start + elapsed * 1000 : lastRec,
      Number.isFinite(end) ? end : 0,
    );
    return { session: s, startMs: start, endMs: stop };
  });
  const valid = wins.filter((w) => Number.isFinite(w.startMs));
  valid.sort((a, b) => a.startMs - b.startMs);
  return valid;
}

/** The rows whose times (Unix ms) fall in [from, min(to, nextStart - 1)]; `ts` is FIT seconds, rows time-sorted. */
function rowsIn(
  rows: Uint32Array,
  ts: Float64Array,
  from: number,
  to: number,
  nextStart: number,
): Uint32Array {
  const upper = Math.min(Number.isFinite(to) ? to : Number.POSITIVE_INFINITY, nextStart - 1);
  const a = firstRow(rows, ts, (t) => t >= from, 0);
  return rows.subarray(
    a,
    firstRow(rows, ts, (t) => t > upper, a),
  );
}

/**
 * The first row from `lo` on whose time (Unix ms) meets `past`, or rows.length. Times never decrease along the
 * rows, so `past` is false and then true: halving finds the row without a look at every record of the session.
 */
function firstRow(rows: Uint32Array, ts: Float64Array, past: (ms: number) => boolean, lo: number): number {
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(fitSecondsMs(ts[rows[mid] as number] as number))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sportOf(
  messages: FitMessages,
  session: SessionMesg | null,
): { sport: string; subSport: string | null } {
  const src = (session ?? messages.sportMesgs?.[0] ?? messages.lapMesgs?.[0] ?? {}) as Record<
    string,
    unknown
  >;
  return {
    sport: enumValue("sport", src["sport"]) ?? "generic",
    subSport: enumValue("subSport", src["subSport"]),
  };
}

/** One Activity per session of a decoded segment; records are assigned by each session's time window. */
export function buildActivities(messages: FitMessages, records: RecordColumns): Built {
  const warnings: ParseWarning[] = [];
  const rows = orderRecords(records);
  const sessions = messages.sessionMesgs ?? [];
  const windows = windowsOf(sessions, records.timestamp, rows);
  if (sessions.length === 0 && windows.length > 0) {
    warnings.push(
      warning(
        "no-session",
        "The file has no summary of the activity, so its totals were computed from the samples.",
      ),
    );
  }
  const device = deviceOf(messages);
  const utcOffsetS = utcOffsetOf(messages, warnings);
  const laps: readonly LapMesg[] = messages.lapMesgs ?? [];
  const activities = windows.map((w, i): Activity => {
    const nextStart = windows[i + 1]?.startMs ?? Number.POSITIVE_INFINITY;
    const { sport, subSport } = sportOf(messages, w.session);
    const footSport = isFootSport(sport);
    const own = rowsIn(rows, records.timestamp, w.startMs, w.endMs, nextStart);
    const built = buildSamples(records, own, {
      startMs: w.startMs,
      footSport,
      rebaseDistance: windows.length > 1,
    });
    if (built.distanceGlitches > 0) {
      warnings.push(
        warning(
          "distance-glitch",
          `${built.distanceGlitches} distance readings that went backwards were ignored.`,
        ),
      );
    }
    const summary = sessionSummary(w.session, built.samples, footSport, built.scale);
    const lapsHere = laps.filter((l) => {
      const t = timeMs(l.startTime);
      return t >= w.startMs && t < nextStart && t <= (Number.isFinite(w.endMs) ? w.endMs : t);
    });
    return plausibleActivity(
      {
        sport,
        subSport,
        device,
        startUtc: new Date(w.startMs).toISOString(),
        utcOffsetS,
        localDate: localDateOf(w.startMs, utcOffsetS),
        ...summary,
        hasRunningDynamics: hasDynamics(built.samples, summary),
        laps: lapsHere.map((l) => buildLap(l, footSport, built.scale)),
        samples: built.samples,
      },
      warnings,
      built.implausible,
    );
  });
  return { activities, warnings };
}
