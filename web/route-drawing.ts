import type { RouteView } from "../server/api/index.ts";
import { h, svg } from "./dom.ts";

const TILE = 256;
const WIDTH = 640;
const HEIGHT = 400;
const PAD = 16;

/** Web Mercator at zoom 0 in tile pixels: the projection map tiles use, so an outline and tiles line up. */
function project(lat: number, lon: number): [number, number] {
  const s = Math.sin((lat * Math.PI) / 180);
  const x = ((lon + 180) / 360) * TILE;
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * TILE;
  return [x, y];
}

/** The largest zoom at which the route fits the drawing (capped where tile servers stop). */
function fitZoom(w0: number, h0: number): number {
  let z = 0;
  while (z < 18 && w0 * 2 ** (z + 1) <= WIDTH - 2 * PAD && h0 * 2 ** (z + 1) <= HEIGHT - 2 * PAD) z++;
  return z;
}

function tileHref(template: string, z: number, x: number, y: number): string {
  return template.replace("{z}", String(z)).replace("{x}", String(x)).replace("{y}", String(y));
}

/**
 * The route as an inline SVG: the outline on a plain background, start and finish marked. With a tile URL
 * (the runner's own choice in Settings), the tiles under it; nothing is fetched from anyone otherwise.
 */
export function routeSvg(
  route: RouteView,
  tiles: { url: string; attribution: string | null } | null,
): SVGElement {
  const tileUrl = tiles?.url ?? null;
  const projected = route.points.map(([lat, lon]) => project(lat, lon));
  const xs = projected.map((p) => p[0]);
  const ys = projected.map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const z = fitZoom(Math.max(...xs) - minX, Math.max(...ys) - minY);
  const scale = 2 ** z;
  const w = (Math.max(...xs) - minX) * scale;
  const h = (Math.max(...ys) - minY) * scale;
  // Centred: the origin of the drawing in world pixels at zoom z.
  const ox = minX * scale - (WIDTH - w) / 2;
  const oy = minY * scale - (HEIGHT - h) / 2;
  const at = ([x, y]: [number, number]): string =>
    `${(x * scale - ox).toFixed(1)},${(y * scale - oy).toFixed(1)}`;
  const children: SVGElement[] = [
    svg("rect", { class: "route-bg", x: 0, y: 0, width: WIDTH, height: HEIGHT }),
  ];
  if (tileUrl) {
    const n = 2 ** z;
    for (let tx = Math.floor(ox / TILE); tx <= Math.floor((ox + WIDTH) / TILE); tx++) {
      for (let ty = Math.floor(oy / TILE); ty <= Math.floor((oy + HEIGHT) / TILE); ty++) {
        if (ty < 0 || ty >= n) continue;
        const wrapped = ((tx % n) + n) % n;
        children.push(
          svg("image", {
            href: tileHref(tileUrl, z, wrapped, ty),
            x: tx * TILE - ox,
            y: ty * TILE - oy,
            width: TILE,
            height: TILE,
            "data-testid": "route-tile",
          }),
        );
      }
    }
  }
  const first = projected[0];
  const last = projected[projected.length - 1];
  children.push(
    svg("polyline", {
      class: "route-line",
      points: projected.map(at).join(" "),
      "data-testid": "route-line",
    }),
  );
  if (first && last) {
    const [sx, sy] = at(first).split(",");
    const [fx, fy] = at(last).split(",");
    children.push(svg("circle", { class: "route-start", cx: sx, cy: sy, r: 6 }, svg("title", {}, "Start")));
    children.push(svg("circle", { class: "route-finish", cx: fx, cy: fy, r: 6 }, svg("title", {}, "Finish")));
  }
  return svg(
    "svg",
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      class: "route-svg",
      role: "img",
      "aria-label": "The route of this run, drawn from the watch's GPS",
      "data-testid": "route-svg",
    },
    ...children,
  );
}

/**
 * The route drawing with the tile server's credit over its bottom-right corner, as tile policies ask: in HTML
 * over the drawing, so it keeps a readable size however small the drawing is scaled on a phone.
 */
export function routeMap(
  route: RouteView,
  tiles: { url: string; attribution: string | null } | null,
): HTMLElement {
  return h(
    "div",
    { class: "route-map" },
    routeSvg(route, tiles) as unknown as Node,
    tiles?.attribution
      ? h("span", { class: "route-attribution", "data-testid": "route-attribution" }, tiles.attribution)
      : null,
  );
}
