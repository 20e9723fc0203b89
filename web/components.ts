import type { RedFlagNotice, RunFlags } from "../server/api/index.ts";
import { h, type Child } from "./dom.ts";
import { isSpike, spikeSentence } from "./labels.ts";

/** The page's heading; focusable so the router can move focus to it after navigation. */
export function pageHeader(title: string, intro?: Child): HTMLElement {
  return h(
    "header",
    { class: "page-header" },
    h("h1", { tabindex: -1 }, title),
    intro ? h("p", { class: "lead" }, intro) : null,
  );
}

/** A titled panel. */
export function card(title: string | null, ...children: Child[]): HTMLElement {
  return h("section", { class: "card" }, title ? h("h2", {}, title) : null, ...children);
}

/** A big number with its label and a line under it. */
export function stat(label: string, value: string, sub?: Child, testid?: string): HTMLElement {
  return h(
    "div",
    { class: "stat", "data-testid": testid },
    h("div", { class: "stat-label" }, label),
    h("div", { class: "stat-value" }, value),
    sub ? h("div", { class: "stat-sub" }, sub) : null,
  );
}

/** A collapsible "Why?" that explains where a number comes from. */
export function why(summary: string, ...children: Child[]): HTMLElement {
  return h(
    "details",
    { class: "why" },
    h("summary", {}, summary),
    h("div", { class: "why-body" }, ...children),
  );
}

/** A small coloured label. */
export function badge(
  text: string,
  tone: "flag" | "neutral" | "danger" | "ok" | "accent" = "neutral",
): HTMLElement {
  return h("span", { class: `badge badge-${tone}` }, text);
}

/** An error the runner can read, announced to screen readers. */
export function errorBox(err: unknown): HTMLElement {
  const message = err instanceof Error ? err.message : "Something went wrong.";
  return h("div", { class: "error-box", role: "alert", "data-testid": "error" }, message);
}

export function loading(text = "Loading…"): HTMLElement {
  return h("p", { class: "loading", role: "status" }, text);
}

const BANNER_TITLE = "See a healthcare professional";

/** The red-flag banner: shown whenever the pain log holds an answer that means "see a clinician now". */
export function redFlagBanner(flags: readonly RedFlagNotice[]): HTMLElement | null {
  if (flags.length === 0) return null;
  return h(
    "section",
    { class: "red-flag-banner", role: "alert", "data-testid": "red-flag-banner" },
    h("h2", {}, BANNER_TITLE),
    ...flags.map((flag) =>
      h(
        "div",
        { class: "red-flag" },
        // The server may title a notice with the banner's own words: say it once.
        flag.title.trim().toLowerCase() === BANNER_TITLE.toLowerCase() ? null : h("h3", {}, flag.title),
        h("p", {}, flag.body),
        flag.because.length ? h("ul", {}, ...flag.because.map((b) => h("li", {}, b))) : null,
      ),
    ),
  );
}

/** The flag badges of a run, in words. */
export function flagBadges(flags: RunFlags): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (flags.overstriding === "marked") out.push(badge("Markedly low cadence for speed", "flag"));
  else if (flags.overstriding === "possible") out.push(badge("Low cadence for speed", "flag"));
  if (flags.absoluteLowCadence) out.push(badge("Low cadence", "flag"));
  if (flags.lateCadenceDrop) out.push(badge("Late cadence drop", "flag"));
  if (flags.spike && isSpike(flags.spike.category)) {
    const pct = flags.spike.ratio === null ? null : Math.round((flags.spike.ratio - 1) * 100);
    const el = badge(pct === null ? "Spike" : `Spike +${pct}%`, "flag");
    el.title = `This run was ${spikeSentence(flags.spike.ratio, flags.spike.category)}.`;
    out.push(el);
  }
  if (flags.spike?.category === "no_recent_base") out.push(badge("No recent base", "neutral"));
  return out;
}

/** True when a run carries any flag worth a runner's attention. */
export function hasFlag(flags: RunFlags): boolean {
  return (
    flags.overstriding === "possible" ||
    flags.overstriding === "marked" ||
    flags.absoluteLowCadence ||
    flags.lateCadenceDrop ||
    isSpike(flags.spike?.category)
  );
}

/** What a page says before there is anything to draw, with the way forward. */
export function noData(text: string): HTMLElement {
  return h(
    "section",
    { class: "card no-data", "data-testid": "no-data" },
    h("p", {}, text),
    h(
      "p",
      { class: "actions" },
      h("a", { href: "#/import", class: "button primary" }, "Import runs"),
      h("a", { href: "#/", class: "button" }, "Or try the demo from the overview"),
    ),
  );
}

/** The standing reminder wherever advice appears. */
export function notMedicalAdvice(text?: string): HTMLElement {
  return h(
    "p",
    { class: "disclaimer", "data-testid": "disclaimer" },
    text ??
      "Stridewise is not medical advice. It shows what your own data is associated with; a healthcare professional can tell you what it means for you.",
  );
}
