import type { PainLocation } from "../server/core/pain.ts";
import { h, svg } from "./dom.ts";
import { LOCATION_LABELS } from "./labels.ts";

// A pointer shortcut for the location radios (which stay the accessible control), so it is hidden from screen readers.

const OUTLINE = "M24 22 Q55 6 86 22 L94 62 L86 150 L60 150 L57 84 L53 84 L50 150 L24 150 L16 62 Z";

interface Zone {
  location: PainLocation;
  shape: "circle" | "ellipse";
  attrs: Record<string, number>;
}

// Every zone is at least 34 units across: ≥ 44 px (a finger) at the narrowest the diagram is drawn (a 390 px phone).
const FRONT: Zone[] = [
  { location: "lateral", shape: "circle", attrs: { cx: 12, cy: 72, r: 17 } },
  { location: "lateral", shape: "circle", attrs: { cx: 98, cy: 72, r: 17 } },
  { location: "anterior", shape: "circle", attrs: { cx: 37, cy: 44, r: 17 } },
  { location: "anterior", shape: "circle", attrs: { cx: 73, cy: 44, r: 17 } },
  { location: "deep_groin", shape: "circle", attrs: { cx: 55, cy: 82, r: 17 } },
  { location: "inner_thigh", shape: "ellipse", attrs: { cx: 55, cy: 124, rx: 17, ry: 21 } },
];

// The outside of the hip is on the front figure; at this size it would overlap the buttocks here.
const BACK: Zone[] = [
  { location: "buttock", shape: "ellipse", attrs: { cx: 37, cy: 68, rx: 17, ry: 21 } },
  { location: "buttock", shape: "ellipse", attrs: { cx: 73, cy: 68, rx: 17, ry: 21 } },
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
    viewBox: "0 0 236 172",
    class: "hip-diagram",
    "aria-hidden": "true",
    focusable: "false",
  });
  root.append(figure(FRONT, 6, "Front", onPick), figure(BACK, 124, "Back", onPick));
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
