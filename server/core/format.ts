import type { Units } from "./types.ts";

const METRES_PER_MILE = 1609.344;

/** "12.6 km" or "7.8 mi": distance to one decimal. */
export function formatDistance(distanceM: number, units: Units): string {
  return units === "mi"
    ? `${(distanceM / METRES_PER_MILE).toFixed(1)} mi`
    : `${(distanceM / 1000).toFixed(1)} km`;
}

/** "5:23 /km" or "8:40 /mi". */
export function formatPace(speedMps: number, units: Units): string {
  if (!(speedMps > 0)) return "–";
  const secondsPer = (units === "mi" ? METRES_PER_MILE : 1000) / speedMps;
  let minutes = Math.floor(secondsPer / 60);
  let seconds = Math.round(secondsPer - minutes * 60);
  if (seconds === 60) {
    minutes++;
    seconds = 0;
  }
  return `${minutes}:${String(seconds).padStart(2, "0")} /${units}`;
}

/** Whole percent of a fraction: 0.583 → "58%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
