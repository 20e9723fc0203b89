import { svg } from "../dom.ts";
import type { Exercise, Stroke } from "./exercise.ts";

// Our own line drawings (no images to fetch): strokes in a 120 × 70 box, coloured by the theme through CSS.

function stroke(s: Stroke, marker: string): SVGElement {
  switch (s.kind) {
    case "line":
      return svg("polyline", { points: s.points.map((p) => p.join(",")).join(" "), class: "fig-line" });
    case "circle":
      return svg("circle", { cx: s.cx, cy: s.cy, r: s.r, class: "fig-line" });
    case "arrow":
      return svg("line", {
        x1: s.from[0],
        y1: s.from[1],
        x2: s.to[0],
        y2: s.to[1],
        class: "fig-arrow",
        "marker-end": `url(#${marker})`,
      });
  }
}

/** The exercise's drawing as an inline SVG, labelled for screen readers by its name. */
export function exerciseDrawing(e: Exercise): SVGElement {
  const root = svg("svg", {
    viewBox: "0 0 120 70",
    class: "exercise-drawing",
    role: "img",
    "aria-label": `Drawing: ${e.name}`,
    "data-testid": "exercise-drawing",
  });
  const marker = `fig-arrowhead-${e.id}`;
  const head = svg(
    "marker",
    {
      id: marker,
      viewBox: "0 0 6 6",
      refX: 5,
      refY: 3,
      markerWidth: 5,
      markerHeight: 5,
      orient: "auto",
    },
    svg("path", { d: "M0,0 L6,3 L0,6 Z", class: "fig-arrowhead" }),
  );
  root.append(svg("defs", {}, head), ...e.drawing.map((s) => stroke(s, marker)));
  return root;
}
