import type { Advice } from "../../server/http/api-types.ts";
import { api } from "../api.ts";
import { badge, loading, notMedicalAdvice, pageHeader, redFlagBanner } from "../components.ts";
import { h, replace } from "../dom.ts";
import { workoutDownloads } from "./workout-downloads.ts";

/** The advice that fits your data, each with the reasons it was chosen and its source. */
export async function tipsPage(root: HTMLElement): Promise<void> {
  replace(root, pageHeader("Tips"), loading());
  const view = await api.insights();
  replace(
    root,
    pageHeader(
      "Tips",
      "What to try, chosen from what your runs and pain log show. Each tip says why it is here.",
    ),
    redFlagBanner(view.redFlags),
    view.advice.length
      ? h("div", { class: "tips" }, ...view.advice.map(tipCard))
      : h("p", { class: "muted" }, "No tips yet: import some runs and log your hip for a week or two."),
    view.redFlags.length ? null : workoutDownloads(),
    notMedicalAdvice(view.disclaimer),
  );
}

function causeLabel(cause: string): string {
  const text = cause.replace(/[_-]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function tipCard(tip: Advice): HTMLElement {
  return h(
    "article",
    { class: "card tip", "data-testid": "tip", "data-id": tip.id },
    badge(causeLabel(tip.cause), /red.?flag/i.test(tip.cause) ? "danger" : "accent"),
    h("h2", {}, tip.title),
    h("p", {}, tip.body),
    tip.because.length
      ? h(
          "div",
          { class: "because" },
          h("h3", {}, "Why this tip"),
          h("ul", {}, ...tip.because.map((b) => h("li", {}, b))),
        )
      : null,
    h("p", { class: "source" }, "Source: ", tip.source),
  );
}
