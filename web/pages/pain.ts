import { api, settingsApplied } from "../api.ts";
import type { ActivityListItem, PainEntry } from "../../server/api/index.ts";
import { card, errorBox, loading, notMedicalAdvice, pageHeader } from "../components.ts";
import { unansweredList } from "./unanswered.ts";
import { h, replace } from "../dom.ts";
import { PainForm } from "./pain-form.ts";
import { painHistory } from "./pain-history.ts";
import { PainTimelineCard } from "./pain-timeline-card.ts";

/** The pain log: a quick form, the history under the runs on one timeline, and every entry to edit or delete. */
export async function painPage(root: HTMLElement, ctx: { query: URLSearchParams }): Promise<void> {
  const timeline = new PainTimelineCard();
  const listSlot = h("div", {});
  const waitingSlot = h("div", {});

  const readLog = (): Promise<[PainEntry[], ActivityListItem[]]> =>
    Promise.all([api.pain(), api.unansweredRuns()]);
  // The runs for the timeline come once, beside the first read of the log; a saved entry re-reads only the log.
  const refresh = async (
    runsRead: Promise<unknown> = Promise.resolve(),
    logRead = readLog(),
  ): Promise<void> => {
    try {
      const [[pain, waiting]] = await Promise.all([logRead, runsRead]);
      form.setEntries(pain);
      replace(
        waitingSlot,
        waitingCard(waiting, () => void refresh()),
      );
      timeline.draw(pain);
      replace(
        listSlot,
        painHistory(pain, {
          onEdit: (entry) => form.edit(entry),
          onDelete: (entry, button) => {
            api.deletePain(entry.id).then(
              () => refresh(),
              (err: unknown) => {
                button.disabled = false;
                replace(listSlot, errorBox(err));
              },
            );
          },
        }),
      );
    } catch (err) {
      replace(listSlot, errorBox(err));
    }
  };
  // Everything is asked for at once; the form, which starts on the runner's today, waits for the settings alone.
  replace(timeline.el, loading());
  let timelineError: unknown = null;
  const runsRead = api.runTimeline().then(
    (runs) => timeline.setRuns(runs),
    (err: unknown) => (timelineError = err),
  );
  const firstLogRead = readLog();
  firstLogRead.catch(() => undefined); // refused before it is awaited: refresh() shows the error
  await settingsApplied();
  const form = new PainForm(() => void refresh());
  const askedDate = ctx.query.get("date");
  if (askedDate) form.setDate(askedDate);
  const sore = ctx.query.get("sore") === "1";

  replace(
    root,
    pageHeader(
      "Hip pain",
      "Log how your hip feels, on good days too: comparing needs the pain-free days as well.",
    ),
    sore ? null : waitingSlot,
    form.el,
    sore ? waitingSlot : null,
    timeline.el,
    listSlot,
    notMedicalAdvice(),
  );
  await refresh(runsRead, firstLogRead);
  if (timelineError !== null) replace(timeline.el, errorBox(timelineError));
  if (sore) form.focusSeverity();
}

function waitingCard(runs: ActivityListItem[], onAnswered: () => void): HTMLElement | null {
  if (runs.length === 0) return null;
  const el = card("Runs waiting for a hip answer", unansweredList(runs, onAnswered));
  el.dataset["testid"] = "waiting-card";
  return el;
}
