import { allRuns, api } from "../api.ts";
import { errorBox, loading, notMedicalAdvice, pageHeader } from "../components.ts";
import { h, replace } from "../dom.ts";
import { PainForm } from "./pain-form.ts";
import { painHistory } from "./pain-history.ts";
import { PainTimelineCard } from "./pain-timeline-card.ts";

/** The pain log: a quick form, the history under the runs on one timeline, and every entry to edit or delete. */
export async function painPage(root: HTMLElement, ctx: { query: URLSearchParams }): Promise<void> {
  const timeline = new PainTimelineCard();
  const listSlot = h("div", {});

  const refresh = async (): Promise<void> => {
    try {
      const pain = await api.pain();
      timeline.draw(pain);
      replace(
        listSlot,
        painHistory(pain, {
          onEdit: (entry) => form.edit(entry),
          onDelete: (entry, button) => {
            api.deletePain(entry.id).then(refresh, (err: unknown) => {
              button.disabled = false;
              replace(listSlot, errorBox(err));
            });
          },
        }),
      );
    } catch (err) {
      replace(listSlot, errorBox(err));
    }
  };
  const form = new PainForm(() => void refresh());
  const askedDate = ctx.query.get("date");
  if (askedDate) form.setDate(askedDate);

  replace(
    root,
    pageHeader(
      "Hip pain",
      "Log how your hip feels, on good days too: comparing needs the pain-free days as well.",
    ),
    form.el,
    timeline.el,
    listSlot,
    notMedicalAdvice(),
  );
  replace(timeline.el, loading());
  try {
    timeline.setRuns(await allRuns());
  } catch (err) {
    replace(timeline.el, errorBox(err));
  }
  await refresh();
}
