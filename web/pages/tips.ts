import type { Advice } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { badge, loading, notMedicalAdvice, pageHeader, redFlagBanner } from "../components.ts";
import { h, replace } from "../dom.ts";
import { exerciseDrawing } from "../tips/drawing.ts";
import { EXERCISES, exercisesById, exercisesIn, type Exercise } from "../tips/exercises.ts";
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
    h(
      "p",
      {},
      h(
        "a",
        { href: "#/tips/all", class: "button", "data-testid": "all-exercises-link" },
        "Browse every exercise",
      ),
    ),
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
    // A tip that chooses its exercises names them by id; the others are matched by the words they use.
    ...(tip.exercises.length ? exercisesById(tip.exercises) : exercisesIn(`${tip.title} ${tip.body}`)).map(
      (e) => exerciseCard(e, true),
    ),
    tip.because.length
      ? h(
          "div",
          { class: "because" },
          h("h3", {}, "Why this tip"),
          h("ul", { "data-testid": "tip-because" }, ...tip.because.map((b) => h("li", {}, b))),
          tip.details.length
            ? h(
                "details",
                { class: "why", "data-testid": "tip-details" },
                h("summary", {}, "Details: the statistics behind this"),
                h("div", { class: "why-body" }, ...tip.details.map((d) => h("p", {}, d))),
              )
            : null,
        )
      : null,
    h("p", { class: "source" }, "Source: ", tip.source),
  );
}

/** An exercise a runner can follow: the drawing, the steps, how much, how to progress, when to leave it out. */
export function exerciseCard(e: Exercise, folded = false): HTMLElement {
  const body = h(
    "div",
    { class: "exercise-body" },
    exerciseDrawing(e) as unknown as Node,
    h(
      "div",
      {},
      h("p", { class: "muted" }, e.purpose),
      h("ol", { class: "exercise-steps" }, ...e.steps.map((step) => h("li", {}, step))),
      h("p", { "data-testid": "exercise-dose" }, h("strong", {}, "How much: "), e.dose),
      h("p", {}, h("strong", {}, "Then: "), e.progression),
      e.caution ? h("p", { class: "caution" }, e.caution) : null,
    ),
  );
  if (folded) {
    return h(
      "details",
      { class: "why exercise", "data-testid": "exercise", "data-id": e.id },
      h("summary", {}, `How to do it: ${e.name.toLowerCase()}`),
      body,
    );
  }
  return h(
    "article",
    { class: "card exercise", "data-testid": "exercise", "data-id": e.id, id: `exercise-${e.id}` },
    h("h2", {}, e.name),
    body,
  );
}

/** Every exercise, not only those picked for now. */
export function allExercisesPage(root: HTMLElement): void {
  replace(
    root,
    h("p", { class: "back" }, h("a", { href: "#/tips" }, "← Tips for you")),
    pageHeader(
      "Every exercise",
      "All the exercises Stridewise suggests, with how much to do and how to build up. Stop any that hurt more than 2–3/10.",
    ),
    h("div", { class: "exercises" }, ...EXERCISES.map((e) => exerciseCard(e))),
    notMedicalAdvice(),
  );
}
