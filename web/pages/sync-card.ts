import type { SyncRunView, SyncStatusView } from "../../server/api/sync.ts";
import { card, errorBox, loading } from "../components.ts";
import { h, replace } from "../dom.ts";
import { syncApi } from "../sync-api.ts";

/** The intervals.icu connection and the sync status, as one block the Settings page mounts. */
export function syncSection(): HTMLElement {
  const root = h("div", { class: "sync-section", "data-testid": "sync-section" }, loading());
  void refresh(root);
  return root;
}

async function refresh(root: HTMLElement): Promise<void> {
  try {
    const status = await syncApi.status();
    replace(
      root,
      intervalsCard(status, () => void refresh(root)),
      statusCard(status.runs),
    );
  } catch (err) {
    replace(root, errorBox(err));
  }
}

function intervalsCard(status: SyncStatusView, changed: () => void): HTMLElement {
  const note = h("div", { "aria-live": "polite", "data-testid": "intervals-status" });
  const intro = h(
    "p",
    { class: "muted small" },
    "intervals.icu relays your runs from Garmin Connect. Stridewise uses your intervals.icu API key (never your Garmin password), keeps it in the data folder readable only by you, and checks for new runs every 15 minutes while it runs.",
  );
  if (status.intervals.connected) {
    const syncNow = h(
      "button",
      { type: "button", class: "button", "data-testid": "intervals-sync" },
      "Sync now",
    );
    const disconnect = h(
      "button",
      { type: "button", class: "button", "data-testid": "intervals-disconnect" },
      "Disconnect",
    );
    syncNow.addEventListener("click", () => {
      syncNow.disabled = true;
      syncApi
        .syncNow()
        .then((r) => {
          replace(note, h("p", { class: "ok-text" }, r.message ?? `${r.summary.imported} new runs.`));
          changed();
        })
        .catch((err: unknown) => replace(note, errorBox(err)))
        .finally(() => (syncNow.disabled = false));
    });
    disconnect.addEventListener("click", () => {
      syncApi.disconnect().then(changed, (err: unknown) => replace(note, errorBox(err)));
    });
    return card(
      "intervals.icu",
      h(
        "p",
        { "data-testid": "intervals-connected" },
        `Connected as athlete ${status.intervals.athleteId ?? "?"}.`,
      ),
      h("div", { class: "actions" }, syncNow, disconnect),
      note,
      intro,
    );
  }
  const athlete = h("input", {
    id: "intervals-athlete",
    name: "athleteId",
    placeholder: "i12345",
    autocomplete: "off",
    "data-testid": "intervals-athlete",
  });
  const key = h("input", {
    id: "intervals-key",
    name: "apiKey",
    type: "password",
    autocomplete: "off",
    "data-testid": "intervals-key",
  });
  const connect = h(
    "button",
    { type: "submit", class: "button primary", "data-testid": "intervals-connect" },
    "Connect",
  );
  const form = h(
    "form",
    { class: "settings-form", novalidate: true },
    h(
      "div",
      { class: "field" },
      h("label", { for: "intervals-athlete" }, "Athlete id (intervals.icu → Settings)"),
      athlete,
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "intervals-key" }, "API key (Settings → Developer Settings)"),
      key,
    ),
    h("div", { class: "actions" }, connect),
    note,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    connect.disabled = true;
    syncApi
      .connect({ athleteId: athlete.value.trim(), apiKey: key.value.trim() })
      .then(changed, (err: unknown) => replace(note, errorBox(err)))
      .finally(() => {
        key.value = "";
        connect.disabled = false;
      });
  });
  return card("intervals.icu", intro, form);
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function runLine(run: SyncRunView): HTMLElement {
  const from = run.source === "intervals" ? "intervals.icu" : "watch";
  const what =
    run.status === "failed" && run.imported === 0
      ? "failed"
      : `${run.imported} new, ${run.duplicate} already here${run.rejected ? `, ${run.rejected} could not be read` : ""}`;
  return h(
    "li",
    { "data-testid": "sync-run", "data-status": run.status },
    h("strong", {}, `${when(run.finishedAt)} · ${from}: `),
    what,
    run.message && run.status !== "ok" ? h("div", { class: "muted small" }, run.message) : null,
    run.failures.length
      ? h("ul", { class: "small" }, ...run.failures.map((f) => h("li", {}, `${f.file}: ${f.message}`)))
      : null,
  );
}

function statusCard(runs: readonly SyncRunView[]): HTMLElement {
  if (runs.length === 0) {
    return card("Sync status", h("p", { class: "muted", "data-testid": "sync-none" }, "Nothing synced yet."));
  }
  return card(
    "Sync status",
    h("p", { "data-testid": "sync-last" }, `Last sync ${when(runs[0]?.finishedAt ?? "")}.`),
    h("ul", { class: "plain-list" }, ...runs.map(runLine)),
  );
}
