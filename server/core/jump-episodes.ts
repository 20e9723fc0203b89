import { daysBetween } from "./dates.ts";

// "Big weekly jumps" as episodes: consecutive noted days are one jump, not six dates.

export interface NotedDay {
  date: string;
  distanceM: number;
  previousM: number;
  changePct: number | null;
  noted: boolean;
}

export interface JumpEpisode {
  from: string;
  to: string;
  days: number;
  /** The day of the largest rise within the episode, with its figures. */
  peak: { date: string; distanceM: number; previousM: number; changePct: number | null };
}

/**
 * Groups noted days into episodes: a day not noted, or a missing day, ends one. Days in date order. The one
 * place this is decided: the Load page draws these episodes as they come.
 */
export function jumpEpisodes(days: readonly NotedDay[]): JumpEpisode[] {
  const out: JumpEpisode[] = [];
  let current: JumpEpisode | null = null;
  for (const d of days) {
    if (!d.noted) {
      current = null;
      continue;
    }
    const day = { date: d.date, distanceM: d.distanceM, previousM: d.previousM, changePct: d.changePct };
    if (current === null || daysBetween(current.to, d.date) > 1) {
      current = { from: d.date, to: d.date, days: 1, peak: day };
      out.push(current);
      continue;
    }
    current.to = d.date;
    current.days++;
    if ((d.changePct ?? -Infinity) > (current.peak.changePct ?? -Infinity)) current.peak = day;
  }
  return out;
}
