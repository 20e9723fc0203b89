import type { ActivityDetail } from "../../server/api/index.ts";
import { api } from "../api.ts";
import { badge, card, errorBox, flagBadges, loading, pageHeader, stat, why } from "../components.ts";
import { h, replace } from "../dom.ts";
import {
  fmtCadence,
  fmtClimb,
  fmtDate,
  fmtDistance,
  fmtDuration,
  fmtPace,
  fmtShare,
  fmtSignedPct,
  fmtTimeOfDay,
  paceUnit,
} from "../format.ts";
import { navigate } from "../router.ts";
import { runChartSlots } from "./run-charts.ts";
import { runStory } from "./run-story.ts";
import { markBadges, sportName } from "./runs.ts";
import {
  downloadOriginal,
  noVerdictNote,
  partialNotice,
  routeCard,
  runNotesCard,
  timeZoneNote,
} from "./run-extras.ts";
import { askHipFirst, hipPromptCard, hipPromptWindow } from "./run-hip-prompt.ts";
import { runDateFixNote } from "./date-fix-undo.ts";
import type { ShoeView } from "../../server/api/index.ts";

/** One run: numbers, notes, charts over time with the expected band and flagged stretches, laps, delete. */
export async function runPage(root: HTMLElement, ctx: { params: Record<string, string> }): Promise<void> {
  const id = Number(ctx.params.id);
  replace(root, loading());
  const days = hipPromptWindow();
  const [detail, pain, shoes] = await Promise.all([
    api.activity(id),
    api.painBetween(days.from, days.to).catch(() => []),
    api.shoes().catch(() => []),
  ]);
  const s = detail.summary;
  const header = [
    h("p", { class: "back" }, h("a", { href: "#/runs" }, "← All runs")),
    pageHeader(
      `${s.isRun ? "Run" : sportName(s)} on ${fmtDate(s.localDate)}`,
      `Started ${fmtTimeOfDay(s.localStartTime)}${deviceName(s.device) ? ` · ${deviceName(s.device)}` : ""}`,
    ),
  ];
  if (askHipFirst(s, pain)) {
    // How the run's date was fixed or assumed is said here too: the question is about that date.
    replace(
      root,
      ...header,
      runDateFixNote(s),
      timeZoneNote(detail),
      hipPromptCard(s, () => showRun(root, detail, shoes)),
    );
    return;
  }
  showRun(root, detail, shoes);
}

function showRun(root: HTMLElement, detail: ActivityDetail, shoes: readonly ShoeView[]): void {
  const s = detail.summary;
  replace(
    root,
    h("p", { class: "back" }, h("a", { href: "#/runs" }, "← All runs")),
    pageHeader(
      s.name ?? `${s.isRun ? "Run" : sportName(s)} on ${fmtDate(s.localDate)}`,
      `${s.name ? `${fmtDate(s.localDate)}, started` : "Started"} ${fmtTimeOfDay(s.localStartTime)}${deviceName(s.device) ? ` · ${deviceName(s.device)}` : ""}`,
    ),
    runDateFixNote(s),
    timeZoneNote(detail),
    h("div", { class: "badges" }, ...markBadges(s)),
    partialNotice(detail),
    noVerdictNote(detail),
    statsRow(detail),
    flagsCard(detail),
  );
  const charts = runChartSlots(detail);
  root.append(...charts.map((c) => c.el));
  for (const c of charts) c.draw();
  root.append(routeCard(detail), lapsCard(detail), runNotesCard(detail, shoes), deleteCard(detail));
}

/** "Garmin fr945", or "" when the file does not say. */
function deviceName(d: { manufacturer: string | null; product: string | null }): string {
  const maker = d.manufacturer ? d.manufacturer.charAt(0).toUpperCase() + d.manufacturer.slice(1) : "";
  return [maker, d.product ?? ""].filter(Boolean).join(" ");
}

function statsRow(d: ActivityDetail): HTMLElement {
  const s = d.summary;
  return h(
    "div",
    { class: "stats-row", "data-testid": "run-stats" },
    stat("Distance", fmtDistance(s.distanceM)),
    stat("Moving time", fmtDuration(s.timerS), s.elapsedS ? `${fmtDuration(s.elapsedS)} elapsed` : undefined),
    stat("Pace", fmtPace(s.avgSpeedMps)),
    stat(
      "Cadence (median)",
      fmtCadence(s.medianCadenceSpm),
      s.expectedCadenceSpm === null ? "while running" : `usually ${fmtCadence(s.expectedCadenceSpm)} here`,
      "run-cadence",
    ),
    s.avgHeartRateBpm === null
      ? null
      : stat(
          "Heart rate",
          `${Math.round(s.avgHeartRateBpm)} bpm`,
          s.maxHeartRateBpm ? `max ${Math.round(s.maxHeartRateBpm)}` : undefined,
        ),
    s.totalAscentM === null ? null : stat("Climb", fmtClimb(s.totalAscentM)),
  );
}

function flagsCard(d: ActivityDetail): HTMLElement {
  const s = d.summary;
  const badges = flagBadges(s.flags);
  const story = runStory(d);
  // The lead already tells the cadence story in medians; the server's own cadence lines would repeat it.
  const notes = d.notes.filter((n) => !/^Your median cadence was|^Possible overstriding/.test(n));
  return card(
    "What stands out",
    h("div", { class: "badges" }, ...(badges.length ? badges : [badge("No flags", "ok")])),
    story.length
      ? h(
          "div",
          { class: "run-story", "data-testid": "run-story" },
          ...story.map((line, i) => h("p", { class: i === 0 ? "lead-line" : "muted" }, line)),
        )
      : null,
    notes.length
      ? h("ul", { class: "notes", "data-testid": "run-notes" }, ...notes.map((n) => h("li", {}, n)))
      : story.length
        ? null
        : h("p", { class: "muted" }, "Nothing unusual in this run."),
    s.isRun && s.cadenceResidualPct !== null
      ? why(
          "Why?",
          h(
            "p",
            {},
            `Expected cadence is what you usually run at this speed (${fmtCadence(s.expectedCadenceSpm)}). `,
            `Moment by moment, this run sat a median ${fmtSignedPct(s.cadenceResidualPct)} against it. `,
            `Every cadence on this page is a median over the running time (pace faster than ${fmtPace(1.5)}), the figure the flags rest on. `,
            s.flaggedShare === null
              ? ""
              : `${fmtShare(s.flaggedShare)} of the running time was 5% or more below expected for at least 5 minutes at a stretch. `,
            s.lateDropPts === null
              ? ""
              : `The last quarter ran ${Math.abs(s.lateDropPts).toFixed(1)} points ${s.lateDropPts < 0 ? "lower" : "higher"} than the first quarter. `,
          ),
          h(
            "p",
            { class: "muted" },
            "A watch cannot see where your foot lands: low cadence for your speed is a sign of possible overstriding, not proof. A side-on phone video shows it best.",
          ),
          h("p", {}, h("a", { href: "#/cadence" }, "Your cadence against speed across all runs")),
        )
      : null,
    s.isRun
      ? h(
          "p",
          { class: "log-pain-link" },
          h(
            "a",
            { href: `#/pain?date=${s.localDate}`, "data-testid": "log-pain-for-run" },
            "Log how your hip felt after this run",
          ),
        )
      : null,
  );
}

function lapsCard(d: ActivityDetail): HTMLElement | string {
  const laps = d.laps;
  if (laps.length === 0) return "";
  return card(
    "Splits",
    h(
      "p",
      { class: "muted small" },
      "Cadence per lap is the median over its running time, like the rest of the page.",
    ),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "laps-table", "data-testid": "laps-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Lap"),
            h("th", { scope: "col", class: "num" }, "Distance"),
            h("th", { scope: "col", class: "num" }, "Time"),
            h("th", { scope: "col", class: "num" }, `Pace (${paceUnit()})`),
            h("th", { scope: "col", class: "num" }, "Cadence"),
            h("th", { scope: "col", class: "num" }, "Heart rate"),
          ),
        ),
        h(
          "tbody",
          {},
          ...laps.map((lap) =>
            h(
              "tr",
              {},
              h("td", {}, String(lap.index + 1)),
              h("td", { class: "num" }, fmtDistance(lap.distanceM)),
              h("td", { class: "num" }, fmtDuration(lap.timerS)),
              h("td", { class: "num" }, fmtPace(lap.avgSpeedMps, false)),
              h("td", { class: "num" }, fmtCadence(lap.medianCadenceSpm ?? lap.avgCadenceSpm)),
              h(
                "td",
                { class: "num" },
                lap.avgHeartRateBpm === null ? "—" : `${Math.round(lap.avgHeartRateBpm)} bpm`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function deleteCard(d: ActivityDetail): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const button = h(
    "button",
    { type: "button", class: "button danger-outline", "data-testid": "delete-run" },
    "Delete this activity",
  );
  button.addEventListener("click", () => {
    if (!window.confirm(`Delete the activity from ${fmtDate(d.summary.localDate)}? This cannot be undone.`))
      return;
    button.disabled = true;
    api
      .deleteActivity(d.summary.id)
      .then(() => navigate("#/runs"))
      .catch((err: unknown) => {
        button.disabled = false;
        replace(status, errorBox(err));
      });
  });
  return h(
    "section",
    { class: "card file-card" },
    h("h2", {}, "File"),
    h("p", { class: "muted" }, "Imported from ", h("code", {}, d.summary.fileName)),
    downloadOriginal(d),
    button,
    status,
  );
}
