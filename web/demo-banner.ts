import { api } from "./api.ts";
import { errorBox } from "./components.ts";
import { h, replace } from "./dom.ts";
import { navigate } from "./router.ts";

/** A banner on every page while demo runs are loaded, with the one action that takes them away. */
export async function demoBanner(): Promise<HTMLElement | null> {
  const status = await api.demoStatus().catch(() => null);
  if (!status || status.demoRuns === 0) return null;
  const note = h("span", { "aria-live": "polite" });
  const remove = h(
    "button",
    { type: "button", class: "button", "data-testid": "remove-demo" },
    "Remove the demo",
  );
  remove.addEventListener("click", () => {
    remove.disabled = true;
    api
      .removeDemo()
      .then(() => navigate(location.hash))
      .catch((err: unknown) => {
        remove.disabled = false;
        replace(note, errorBox(err));
      });
  });
  return h(
    "div",
    { class: "demo-banner", role: "region", "aria-label": "Demo data", "data-testid": "demo-banner" },
    h(
      "p",
      {},
      h("strong", {}, "Demo data is loaded. "),
      `${status.demoRuns} generated run${status.demoRuns === 1 ? "" : "s"}${status.realRuns ? ` beside ${status.realRuns} of your own` : ""}, marked “Demo” in the runs list. Removing it leaves your own runs and pain log as they are.`,
    ),
    remove,
    note,
  );
}
