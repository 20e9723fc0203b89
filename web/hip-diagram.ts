import type { PainLocation } from "../server/api/index.ts";
import { h, svg } from "./dom.ts";
import { LOCATION_LABELS } from "./labels.ts";

// A pointer shortcut for the location radios (which stay the accessible control), so it is hidden from screen readers.

const OUTLINE = "M24 22 Q55 6 86 22 L94 62 L86 150 L60 150 L57 84 L53 84 L50 150 L24 150 L16 62 Z";

interface Zone {
  location: PainLocation;
  shape: "circle" | "ellipse";
  attrs: Record<string, number>;
}

const FRONT: Zone[] = [
  { location: "lateral", shape: "circle", attrs: { cx: 19, cy: 64, r: 9 } },
  { location: "lateral", shape: "circle", attrs: { cx: 91, cy: 64, r: 9 } },
  { location: "anterior", shape: "ellipse", attrs: { cx: 38, cy: 54, rx: 10, ry: 7 } },
  { location: "anterior", shape: "ellipse", attrs: { cx: 72, cy: 54, rx: 10, ry: 7 } },
  { location: "deep_groin", shape: "ellipse", attrs: { cx: 55, cy: 72, rx: 7, ry: 8 } },
  { location: "inner_thigh", shape: "ellipse", attrs: { cx: 46, cy: 108, rx: 5, ry: 16 } },
  { location: "inner_thigh", shape: "ellipse", attrs: { cx: 64, cy: 108, rx: 5, ry: 16 } },
];

const BACK: Zone[] = [
  { location: "buttock", shape: "ellipse", attrs: { cx: 39, cy: 66, rx: 14, ry: 12 } },
  { location: "buttock", shape: "ellipse", attrs: { cx: 71, cy: 66, rx: 14, ry: 12 } },
  { location: "lateral", shape: "circle", attrs: { cx: 19, cy: 64, r: 9 } },
  { location: "lateral", shape: "circle", attrs: { cx: 91, cy: 64, r: 9 } },
];

function figure(zones: Zone[], dx: number, caption: string, onPick: (loc: PainLocation) => void): SVGElement {
  const g = svg("g", { transform: `translate(${dx} 0)` });
  g.append(svg("path", { d: OUTLINE, class: "hip-body" }));
  for (const zone of zones) {
    const el = svg(zone.shape, { ...zone.attrs, class: "hip-zone", "data-location": zone.location });
    el.append(svg("title", {}, LOCATION_LABELS[zone.location].label));
    el.addEventListener("click", () => onPick(zone.location));
    g.append(el);
  }
  g.append(svg("text", { x: 55, y: 166, "text-anchor": "middle", class: "hip-caption" }, caption));
  return g;
}

/** A front and back outline of the hips; clicking a zone picks that location. Highlights the chosen one. */
export function hipDiagram(onPick: (loc: PainLocation) => void): HTMLElement {
  const root = svg("svg", {
    viewBox: "0 0 240 172",
    class: "hip-diagram",
    "aria-hidden": "true",
    focusable: "false",
  });
  root.append(figure(FRONT, 4, "Front", onPick), figure(BACK, 126, "Back", onPick));
  const wrap = h(
    "div",
    { class: "hip-diagram-wrap" },
    root as unknown as Node,
    h("p", { class: "muted small" }, "Tap the diagram or pick from the list."),
  );
  // Mirror the radio choice onto the drawing.
  const sync = (): void => {
    const picked = wrap
      .closest("form")
      ?.querySelector<HTMLInputElement>('input[name="location"]:checked')?.value;
    for (const zone of root.querySelectorAll(".hip-zone")) {
      zone.classList.toggle("selected", zone.getAttribute("data-location") === picked);
    }
  };
  queueMicrotask(() => {
    const form = wrap.closest("form");
    form?.addEventListener("change", sync);
    form?.addEventListener("reset", () => setTimeout(sync));
  });
  return wrap;
}
