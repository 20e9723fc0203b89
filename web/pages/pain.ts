import type { ActivityListItem, PainEntry } from "../../server/http/api-types.ts";
import { allRuns, api } from "../api.ts";
import { drawPainTimeline, type TimelineRun } from "../charts/pain-timeline.ts";
import { chartBox, destroyCharts } from "../charts/setup.ts";
import { badge, card, errorBox, loading, notMedicalAdvice, pageHeader } from "../components.ts";
import { h, replace } from "../dom.ts";
import { dayNumber, dayToDate, fmtDate, todayLocal } from "../format.ts";
import { isSpike, LOCATION_LABELS, RED_FLAG_LABELS, SIDE_LABELS, TIMING_LABELS } from "../labels.ts";
import { PainForm, severityWord } from "./pain-form.ts";

type Range = "6w" | "3m" | "all";
/** Entries listed before "Show all". */
const SHOWN = 12;

function runFlagWords(a: ActivityListItem): string[] {
  const words: string[] = [];
  if (a.flags.overstriding === "possible" || a.flags.overstriding === "marked")
    words.push("low cadence for speed");
  if (isSpike(a.flags.spike?.category)) words.push("spike");
  return words;
}

/** The pain log: a quick form, the history under the runs on one timeline, and every entry to edit or delete. */
export async function painPage(root: HTMLElement, ctx: { query: URLSearchParams }): Promise<void> {
  const timelineSlot = h("div", {});
  const listSlot = h("div", {});
  let runs: TimelineRun[] = [];
  let range: Range = window.matchMedia("(max-width: 600px)").matches ? "6w" : "3m";

  const refresh = async (): Promise<void> => {
    try {
      const pain = await api.pain();
      drawTimeline(pain);
      replace(listSlot, history(pain));
    } catch (err) {
      replace(listSlot, errorBox(err));
    }
  };
  const form = new PainForm(() => void refresh());
  const askedDate = ctx.query.get("date");
  if (askedDate) form.setDate(askedDate);

  function drawTimeline(pain: PainEntry[]): void {
    destroyCharts();
    if (runs.length === 0 && pain.length === 0) {
      replace(
        timelineSlot,
        card(
          "Pain and runs",
          h(
            "p",
            { class: "muted" },
            "Your entries appear here on one timeline with your runs, once there are some.",
          ),
        ),
      );
      return;
    }
    const { box, canvas } = chartBox(
      "Runs as bars and hip pain as points on one date axis",
      "chart-pain-timeline",
    );
    const rangeButton = (value: Range, text: string): HTMLButtonElement => {
      const b = h(
        "button",
        { type: "button", class: "button small", "aria-pressed": String(range === value) },
        text,
      );
      b.addEventListener("click", () => {
        range = value;
        drawTimeline(pain);
      });
      return b;
    };
    replace(
      timelineSlot,
      card(
        "Pain and runs",
        h(
          "div",
          { class: "toolbar" },
          h(
            "div",
            { class: "segmented", role: "group", "aria-label": "Time range" },
            rangeButton("6w", "6 weeks"),
            rangeButton("3m", "3 months"),
            rangeButton("all", "All"),
          ),
        ),
        h(
          "p",
          { class: "chart-key" },
          h("span", { class: "key key-bar" }, "run"),
          h("span", { class: "key key-flag" }, "flagged run"),
          h("span", { class: "key key-pain" }, "pain"),
          h("span", { class: "key key-nopain" }, "pain-free day"),
        ),
        box,
      ),
    );
    const from = range === "all" ? null : dayToDate(dayNumber(todayLocal()) - (range === "3m" ? 91 : 42));
    drawPainTimeline(canvas, runs, pain, from);
  }

  function history(pain: PainEntry[]): HTMLElement {
    if (pain.length === 0) return card("Your entries", h("p", { class: "muted" }, "Nothing logged yet."));
    const list = h(
      "ul",
      { class: "pain-list", "data-testid": "pain-list" },
      ...pain.slice(0, SHOWN).map(entryRow),
    );
    const more = h(
      "button",
      { type: "button", class: "button small", "data-testid": "pain-show-all" },
      `Show all ${pain.length} entries`,
    );
    more.addEventListener("click", () => {
      list.append(...pain.slice(SHOWN).map(entryRow));
      more.remove();
    });
    return card("Your entries", list, pain.length > SHOWN ? more : null);
  }

  function entryRow(entry: PainEntry): HTMLElement {
    const editButton = h(
      "button",
      { type: "button", class: "button small", "aria-label": `Edit the entry for ${fmtDate(entry.date)}` },
      "Edit",
    );
    const deleteButton = h(
      "button",
      {
        type: "button",
        class: "button small danger-outline",
        "aria-label": `Delete the entry for ${fmtDate(entry.date)}`,
      },
      "Delete",
    );
    editButton.addEventListener("click", () => form.edit(entry));
    deleteButton.addEventListener("click", () => {
      if (!window.confirm(`Delete the pain entry for ${fmtDate(entry.date)}?`)) return;
      deleteButton.disabled = true;
      api.deletePain(entry.id).then(refresh, (err: unknown) => {
        deleteButton.disabled = false;
        replace(listSlot, errorBox(err));
      });
    });
    const details = [
      entry.location ? LOCATION_LABELS[entry.location].label : null,
      entry.side ? SIDE_LABELS[entry.side] : null,
      entry.timing ? TIMING_LABELS[entry.timing] : null,
    ].filter((x): x is string => x !== null);
    return h(
      "li",
      { class: "pain-entry", "data-testid": "pain-entry", "data-id": entry.id },
      h(
        "div",
        { class: "pain-entry-main" },
        h("strong", {}, fmtDate(entry.date)),
        entry.severity === 0
          ? badge("No pain", "ok")
          : badge(`${entry.severity}/10 ${severityWord(entry.severity)}`, "danger"),
        details.length ? h("span", {}, details.join(" · ")) : null,
      ),
      entry.note ? h("p", { class: "pain-note" }, entry.note) : null,
      entry.redFlags.length
        ? h("ul", { class: "red-flag-list" }, ...entry.redFlags.map((f) => h("li", {}, RED_FLAG_LABELS[f])))
        : null,
      h("div", { class: "entry-actions" }, editButton, deleteButton),
    );
  }

  replace(
    root,
    pageHeader(
      "Hip pain",
      "Log how your hip feels, on good days too: comparing needs the pain-free days as well.",
    ),
    form.el,
    timelineSlot,
    listSlot,
    notMedicalAdvice(),
  );
  replace(timelineSlot, loading());
  try {
    runs = (await allRuns())
      .filter((a) => a.isRun && a.distanceM !== null)
      .map((a) => ({
        id: a.id,
        localDate: a.localDate,
        distanceM: a.distanceM ?? 0,
        flags: runFlagWords(a),
      }));
  } catch (err) {
    replace(timelineSlot, errorBox(err));
  }
  await refresh();
}
