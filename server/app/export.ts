import { renameSync, rmSync, statSync } from "node:fs";
import type { ActivitySummary } from "../db/activities-repo.ts";
import { createActivitiesRepo } from "../db/activities-repo.ts";
import { createFilesRepo } from "../db/files-repo.ts";
import type { Db } from "../db/open.ts";
import { createPainRepo, type StoredPainEntry } from "../db/pain-repo.ts";
import { DomainError } from "../errors.ts";
import { assertNewFile } from "../db/maintenance.ts";
import { createZipWriter } from "./zip-writer.ts";

export interface ExportResult {
  file: string;
  bytes: number;
  originals: number;
  activities: number;
  painEntries: number;
}

const ACTIVITY_FIELDS = [
  "id",
  "fileId",
  "sessionIndex",
  "sport",
  "subSport",
  "isRun",
  "startUtc",
  "utcOffsetS",
  "localDate",
  "elapsedS",
  "timerS",
  "distanceM",
  "avgSpeedMps",
  "maxSpeedMps",
  "avgHeartRateBpm",
  "maxHeartRateBpm",
  "avgCadenceSpm",
  "totalAscentM",
  "avgStepLengthM",
  "avgVerticalOscillationMm",
  "avgVerticalRatioPct",
  "avgStanceTimeMs",
  "hasGps",
  "hasRunningDynamics",
  "sampleCount",
  "deviceManufacturer",
  "deviceProduct",
] as const;

const PAIN_FIELDS = [
  "id",
  "date",
  "severity",
  "location",
  "side",
  "timing",
  "note",
  "redFlags",
  "createdAt",
  "updatedAt",
] as const;

/** One CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet never runs a note as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = Array.isArray(value) ? value.join(";") : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv<T>(
  rows: readonly T[],
  fields: readonly string[],
  pick: (row: T, field: string) => unknown,
): string {
  const lines = [fields.join(",")];
  for (const row of rows) lines.push(fields.map((f) => csvCell(pick(row, f))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function activityCell(a: ActivitySummary, f: string): unknown {
  if (f === "deviceManufacturer") return a.device.manufacturer;
  if (f === "deviceProduct") return a.device.product;
  return (a as unknown as Record<string, unknown>)[f];
}

/** A file name safe inside a zip: no folders, no control characters. */
function entryName(id: number, original: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const base = original.replace(/[\\/\u0000-\u001f]/g, "_").replace(/^\.+/, "_") || "file.fit";
  return `originals/${String(id).padStart(6, "0")}-${base}`;
}

const encoder = new TextEncoder();

/**
 * Writes a zip of everything a runner owns: each original FIT file, and activities and pain entries as CSV and
 * JSON. Read in one snapshot (a read transaction), so it is consistent even while the server imports.
 */
export function exportData(db: Db, file: string, now: Date): ExportResult {
  assertNewFile(file);
  const partial = `${file}.partial`;
  const files = createFilesRepo(db);
  const activities = createActivitiesRepo(db);
  const pain = createPainRepo(db);
  const zip = createZipWriter(partial, now);
  try {
    const counts = db.sqlite
      .transaction(() => {
        const all: ActivitySummary[] = [];
        const ids = files.allIds();
        for (const id of ids) {
          const meta = files.get(id);
          const bytes = files.bytes(id);
          if (!meta || !bytes) continue;
          zip.add(entryName(id, meta.originalName), bytes);
          all.push(...activities.listForFile(id));
        }
        all.sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.id - b.id);
        const entries: StoredPainEntry[] = pain.list();
        zip.add("activities.csv", encoder.encode(csv(all, ACTIVITY_FIELDS, activityCell)));
        zip.add("activities.json", encoder.encode(JSON.stringify(all, null, 2)));
        zip.add(
          "pain.csv",
          encoder.encode(csv(entries, PAIN_FIELDS, (e, f) => (e as unknown as Record<string, unknown>)[f])),
        );
        zip.add("pain.json", encoder.encode(JSON.stringify(entries, null, 2)));
        return { originals: ids.length, activities: all.length, painEntries: entries.length };
      })
      .deferred();
    zip.close();
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, ...counts };
  } catch (err) {
    zip.abort();
    rmSync(partial, { force: true });
    if (err instanceof DomainError) throw err;
    throw new DomainError(
      "export-failed",
      `The export could not be written to ${file}: ${(err as Error).message}`,
    );
  }
}
