import { isStorable, whyNotStored } from "../../core/sport.ts";
import type { StorableActivity, StorableParse } from "../../db/activity-rows.ts";
import { type ActivitiesRepo, createActivitiesRepo } from "../../db/activities-repo.ts";
import { type FilesRepo, createFilesRepo } from "../../db/files-repo.ts";
import type { Db } from "../../db/open.ts";
import { isPartialParse, replacesStored, takeOver } from "./partial-copies.ts";
import type { ImportOutcome } from "./types.ts";

export interface ImportContext {
  db: Db;
  files: FilesRepo;
  activities: ActivitiesRepo;
  now: () => string;
}

export function importContext(db: Db, now: () => string = () => new Date().toISOString()): ImportContext {
  return {
    db,
    files: createFilesRepo(db),
    activities: createActivitiesRepo(db, () => Date.parse(now())),
    now,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** For each session, the stored activity it duplicates (re-encoded elsewhere), or null when it is new. */
export function matchExisting(
  ctx: ImportContext,
  activities: readonly StorableActivity[],
  fileId?: number,
  partial = false,
): (number | null)[] {
  return activities.map((a) => ctx.activities.findDuplicates(a, fileId, partial)[0] ?? null);
}

/**
 * Stores one parsed FIT file (parsed here or on a worker thread): its original and every new session with
 * laps and series, in ONE transaction. Never throws for a bad file: the outcome says what happened.
 */
export function storeParsed(
  ctx: ImportContext,
  display: string,
  bytes: Uint8Array,
  hash: string,
  parsed: StorableParse,
  onStored?: (sessionIndex: number, activityId: number) => void,
): ImportOutcome {
  if (!isStorable(parsed)) return { file: display, activityIds: [], ...whyNotStored(parsed) };
  const stored: [number, number][] = [];
  const outcome = ctx.db.transaction((): ImportOutcome => {
    // Checked again inside the write lock: a sync and an upload may race on the same file.
    const again = ctx.files.findBySha256(hash);
    if (again) return sameBytes(ctx, display, again.id);
    const partial = isPartialParse(parsed);
    const found = matchExisting(ctx, parsed.activities, undefined, partial);
    const replacing = found.map((m, i) => {
      const incoming = parsed.activities[i];
      return m !== null && incoming && replacesStored(ctx.activities, m, incoming, partial) ? m : null;
    });
    const matches = found.map((m, i) => (replacing[i] === null ? m : null));
    if (matches.every((m) => m !== null)) {
      return {
        file: display,
        status: "duplicate",
        activityIds: matches as number[],
        code: "same-activity",
        message: `The same ${plural(matches.length, "activity")} ${matches.length === 1 ? "is" : "are"} already stored from another file.`,
      };
    }
    const name = display.slice(display.lastIndexOf("/") + 1);
    const fileId = ctx.files.insert({ sha256: hash, originalName: name, bytes, importedAt: ctx.now() });
    parsed.activities.forEach((activity, i) => {
      if (matches[i] !== null) return;
      const old = replacing[i];
      const carried = old === null || old === undefined ? undefined : takeOver(ctx.activities, old);
      stored.push([i, ctx.activities.insert(fileId, i, activity, { partial, carried })]);
    });
    const ids = stored.map(([, id]) => id);
    const outcome: ImportOutcome = { file: display, status: "imported", activityIds: ids };
    const replaced = replacing.filter((r) => r !== null).length;
    if (partial) {
      outcome.partial = true;
      outcome.message =
        "This file is cut off before its end: what it holds was imported and marked partial. A complete copy of the run will replace it.";
    }
    if (replaced > 0) {
      outcome.replaced = replaced;
      outcome.message = `Replaced the partial copy already stored with this more complete one${partial ? " (still partial)" : ""}.`;
    }
    const already = matches.length - ids.length;
    if (already > 0) {
      const verb = already === 1 ? "was" : "were";
      outcome.message = `${plural(already, "session")} of this file ${verb} already stored from another file and left out.`;
    }
    return outcome;
  });
  // Told only once the file is committed: a rolled-back session never had an id.
  for (const [index, id] of stored) onStored?.(index, id);
  return outcome;
}

/** The outcome for bytes stored already. */
export function sameBytes(ctx: ImportContext, display: string, fileId: number): ImportOutcome {
  return {
    file: display,
    status: "duplicate",
    activityIds: ctx.activities.listForFile(fileId).map((a) => a.id),
    code: "same-file",
    message: "This exact file was imported before.",
  };
}
