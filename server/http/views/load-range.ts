import { addDays } from "../../core/dates.ts";
import type { Insights } from "../../core/insights.ts";
import { jumpEpisodes } from "../../core/jump-episodes.ts";
import type { LoadView } from "../../api/index.ts";

/** A year by default: enough for the 30-day spikes and the weekly trend, a fifth of the ten-year payload. */
export const DEFAULT_LOAD_SPAN_DAYS = 365;

/** The load view of the whole history, sliced per request. */
export type FullLoadView = LoadView;

/** Adds the pain column to the spike list and groups noted days into episodes. */
export function withLoadExtras(
  view: Omit<LoadView, "jumpEpisodes" | "range">,
  insights: Insights,
): FullLoadView {
  const pain = new Map(insights.runs.map((r) => [r.runId, r.pain]));
  const runs = view.runs.map((r) => {
    const p = pain.get(r.id);
    // null: the log does not cover the 48 hours after the run, so nothing can be said.
    return { ...r, painAfter: p?.covered ? p.painEvent : null };
  });
  const dates = view.daily.map((d) => d.date);
  return {
    ...view,
    runs,
    jumpEpisodes: jumpEpisodes(view.rolling7d),
    range: {
      from: dates[0] ?? view.asOf,
      to: view.asOf,
      earliest: dates[0] ?? null,
      latest: dates.at(-1) ?? null,
    },
  };
}

const within = (date: string, from: string, to: string): boolean => date >= from && date <= to;

/** The part of the view between two local dates (inclusive); the next-run ceiling always rides along. */
export function sliceLoadView(
  view: FullLoadView,
  from: string | undefined,
  to: string | undefined,
): FullLoadView {
  // A history that stopped over a year ago shows its last year, not an empty one.
  const latest = view.range.latest;
  const stale = latest !== null && latest < addDays(view.asOf, -DEFAULT_LOAD_SPAN_DAYS);
  const end = to ?? (stale && from === undefined ? latest : view.asOf);
  const start = from ?? addDays(end, -DEFAULT_LOAD_SPAN_DAYS + 1);
  return {
    ...view,
    daily: view.daily.filter((d) => within(d.date, start, end)),
    // A week is kept when it ends inside the range, so the first one is not cut to a few days.
    weekly: view.weekly.filter((w) => within(addDays(w.weekStart, 6), start, addDays(end, 6))),
    runs: view.runs.filter((r) => within(r.localDate, start, end)),
    rolling7d: view.rolling7d.filter((d) => within(d.date, start, end)),
    acuteChronic: view.acuteChronic.filter((d) => within(d.date, start, end)),
    jumpEpisodes: view.jumpEpisodes.filter((e) => e.to >= start && e.from <= end),
    range: { ...view.range, from: start, to: end },
  };
}
