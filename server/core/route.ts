// A run's route for drawing: GPS points with the gaps dropped, thinned to what a small drawing can show.

export interface RoutePoints {
  /** [latDeg, lonDeg] pairs, in order. */
  points: [number, number][];
  bounds: { minLat: number; maxLat: number; minLon: number; maxLon: number };
}

/** At most this many points: a 500-point outline is sharp at page width and ~10 KB of JSON. */
export const MAX_ROUTE_POINTS = 500;

/**
 * The route from the latitude/longitude columns (NaN where there was no fix): points without a fix or at
 * (0, 0) (a fix not yet acquired) are dropped, then every k-th point is kept (the last always), k chosen so
 * at most `maxPoints` remain. Null when fewer than two points have a fix.
 */
export function routeOutline(
  latDeg: ArrayLike<number>,
  lonDeg: ArrayLike<number>,
  maxPoints = MAX_ROUTE_POINTS,
): RoutePoints | null {
  const fixes: [number, number][] = [];
  for (let i = 0; i < latDeg.length; i++) {
    const lat = latDeg[i] ?? Number.NaN;
    const lon = lonDeg[i] ?? Number.NaN;
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || (lat === 0 && lon === 0)) continue;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    fixes.push([lat, lon]);
  }
  if (fixes.length < 2) return null;
  const step = Math.ceil(fixes.length / Math.max(2, maxPoints - 1));
  const points: [number, number][] = [];
  for (let i = 0; i < fixes.length; i += step) points.push(fixes[i] as [number, number]);
  const last = fixes[fixes.length - 1] as [number, number];
  if (points[points.length - 1] !== last) points.push(last);
  for (const p of points) {
    p[0] = round6(p[0]);
    p[1] = round6(p[1]);
  }
  const bounds = { minLat: 90, maxLat: -90, minLon: 180, maxLon: -180 };
  for (const [lat, lon] of points) {
    bounds.minLat = Math.min(bounds.minLat, lat);
    bounds.maxLat = Math.max(bounds.maxLat, lat);
    bounds.minLon = Math.min(bounds.minLon, lon);
    bounds.maxLon = Math.max(bounds.maxLon, lon);
  }
  return { points, bounds };
}

// Six decimals of a degree is ~0.1 m: beyond any GPS, and it keeps the JSON short.
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
