import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/server.ts";

// WCAG AA for every text colour the stylesheet pairs with a background, in both themes, from the CSS variables.

const css = readFileSync(join(ROOT, "web/public/styles.css"), "utf8");

function variables(block: string): Map<string, string> {
  return new Map(
    [...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
  );
}

const light = variables(css.slice(css.indexOf(":root {"), css.indexOf("}", css.indexOf(":root {"))));
const darkStart = css.indexOf(":root {", css.indexOf("prefers-color-scheme: dark"));
const dark = new Map([...light, ...variables(css.slice(darkStart, css.indexOf("}", darkStart)))]);

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const SURFACES = ["bg", "surface", "surface-2", "surface-3"];
const PAIRS: [string, string][] = [
  ...["text", "text-soft", "muted", "accent-strong", "flag", "danger", "ok"].flatMap((fg) =>
    SURFACES.map((bg): [string, string] => [fg, bg]),
  ),
  ["flag", "flag-bg"],
  ["danger", "danger-bg"],
  ["danger-strong", "danger-bg"],
  ["ok", "ok-bg"],
  ["accent-strong", "accent-soft"],
  ["accent-strong", "accent-bg"],
  ["on-accent", "accent"],
  ["on-accent", "accent-strong"],
];

describe("text contrast (WCAG AA, 4.5:1)", () => {
  for (const [name, theme] of [
    ["light", light],
    ["dark", dark],
  ] as const) {
    it(`holds for every text colour on its backgrounds in the ${name} theme`, () => {
      const failing = PAIRS.flatMap(([fg, bg]) => {
        const a = theme.get(fg);
        const b = theme.get(bg);
        if (!a || !b) return [`--${fg} or --${bg} missing`];
        const ratio = contrast(a, b);
        return ratio >= 4.5 ? [] : [`--${fg} on --${bg}: ${ratio.toFixed(2)}:1`];
      });
      expect(failing).toEqual([]);
    });
  }
});
