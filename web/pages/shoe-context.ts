import type { ShoeContext } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { badge, card } from "../components.ts";
import { h } from "../dom.ts";

/**
 * Shoes beside the two tested questions, as context to look at and no more: counts per pair, labelled
 * exploratory, never a verdict. Shown only when shoes are assigned.
 */
export async function shoeContextCard(): Promise<HTMLElement | null> {
  const context: ShoeContext | null = await api.shoeContext().catch(() => null);
  if (!context || context.shoes.every((s) => s.shoeId === null)) return null;
  return card(
    "Shoes (exploratory)",
    h("div", { class: "badges" }, badge("Exploratory, not a tested question")),
    h("p", { class: "muted" }, context.note),
    h(
      "ul",
      { class: "plain-list", "data-testid": "shoe-context" },
      ...context.shoes.map((s) =>
        h(
          "li",
          {},
          h("strong", {}, s.name),
          `: ${s.runs} run${s.runs === 1 ? "" : "s"}; `,
          s.eligibleRuns === 0
            ? "none covered by the pain log yet."
            : `pain followed ${s.runsFollowedByPain} of the ${s.eligibleRuns} the log covers.`,
        ),
      ),
    ),
  );
}
