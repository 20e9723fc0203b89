import { createWriteStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ActivitySummary } from "../db/activities-repo.ts";
import { createActivitiesRepo } from "../db/activities-repo.ts";
import { createFilesRepo } from "../db/files-repo.ts";
import type { Db } from "../db/open.ts";
import { createPainRepo, type StoredPainEntry } from "../db/pain-repo.ts";
import { writeNewFile } from "../db/new-file.ts";

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
  "dateSuspect",
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

interface Snapshot {
  originals: { id: number; name: string }[];
  activities: ActivitySummary[];
  pain: StoredPainEntry[];
}

/** What the export lists, read in one read transaction so it is consistent even while the server imports. */
function snapshot(db: Db): Snapshot {
  const files = createFilesRepo(db);
  const activities = createActivitiesRepo(db);
  const pain = createPainRepo(db);
  return db.sqlite
    .transaction((): Snapshot => {
      const originals: Snapshot["originals"] = [];
      const all: ActivitySummary[] = [];
      for (const id of files.allIds()) {
        const meta = files.get(id);
        if (!meta) continue;
        originals.push({ id, name: entryName(id, meta.originalName) });
        all.push(...activities.listForFile(id));
      }
      all.sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.id - b.id);
      return { originals, activities: all, pain: pain.list() };
    })
    .deferred();
}

/**
 * Streams the zip (yazl: deflate, zip64 past 4 GiB or 65,535 entries) into `fd`, reading one original at a time
 * when the writer gets to it: memory holds one file, not the whole history. Resolves with the originals written.
 */
async function writeZip(db: Db, fd: number, snap: Snapshot, now: Date): Promise<number> {
  const { ZipFile } = await import("yazl");
  const files = createFilesRepo(db);
  const zip = new ZipFile();
  const out = createWriteStream("", { fd, autoClose: false });
  const done = pipeline(zip.outputStream, out);
  let written = 0;
  for (const o of snap.originals) {
    zip.addReadStreamLazy(o.name, { mtime: now }, (cb) => {
      // An original deleted since the snapshot is written empty rather than failing the whole export.
      const bytes = files.bytes(o.id) ?? new Uint8Array(0);
      if (bytes.byteLength > 0) written++;
      cb(null, Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]));
    });
  }
  const text = (name: string, body: string): void =>
    zip.addBuffer(Buffer.from(body, "utf8"), name, { mtime: now });
  text("activities.csv", csv(snap.activities, ACTIVITY_FIELDS, activityCell));
  text("activities.json", JSON.stringify(snap.activities, null, 2));
  text(
    "pain.csv",
    csv(snap.pain, PAIN_FIELDS, (e, f) => (e as unknown as Record<string, unknown>)[f]),
  );
  text("pain.json", JSON.stringify(snap.pain, null, 2));
  zip.end();
  await done;
  return written;
}

/** Writes a zip of everything a runner owns to a new file (writeNewFile): each original FIT file, and activities and pain entries as CSV and JSON. */
export async function exportData(db: Db, file: string, now: Date): Promise<ExportResult> {
  const snap = await writeNewFile(file, "export", async (fd) => {
    const taken = snapshot(db);
    await writeZip(db, fd, taken, now);
    return taken;
  });
  return {
    file,
    bytes: statSync(file).size,
    originals: snap.originals.length,
    activities: snap.activities.length,
    painEntries: snap.pain.length,
  };
}
