import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  createWriteStream,
  fsyncSync,
  linkSync,
  openSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ActivitySummary } from "../db/activities-repo.ts";
import { createActivitiesRepo } from "../db/activities-repo.ts";
import { createFilesRepo } from "../db/files-repo.ts";
import type { Db } from "../db/open.ts";
import { createPainRepo, type StoredPainEntry } from "../db/pain-repo.ts";
import { DomainError } from "../errors.ts";
import { assertNewFile } from "./backup.ts";
import { storageError } from "./storage-errors.ts";

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

/** The folder the export goes in must exist: said as a sentence, not as an ENOENT from deep inside. */
function assertFolder(file: string): void {
  const dir = dirname(file);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DomainError(
      "export-folder-missing",
      `The folder ${dir} does not exist; create it first or choose another place for the export.`,
    );
  }
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

/**
 * Writes a zip of everything a runner owns: each original FIT file, and activities and pain entries as CSV and
 * JSON. The zip is written to a temporary name created exclusively (O_EXCL: never a file or a link planted
 * there), then linked to `file`, which must not exist (link() does not replace), and the temporary name removed.
 */
export async function exportData(db: Db, file: string, now: Date): Promise<ExportResult> {
  assertNewFile(file);
  assertFolder(file);
  const partial = `${file}.${randomBytes(6).toString("hex")}.partial`;
  let fd: number;
  try {
    fd = openSync(
      partial,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (err) {
    throw failed(file, err);
  }
  try {
    const snap = snapshot(db);
    await writeZip(db, fd, snap, now);
    fsyncSync(fd);
    linkSync(partial, file);
    return {
      file,
      bytes: statSync(file).size,
      originals: snap.originals.length,
      activities: snap.activities.length,
      painEntries: snap.pain.length,
    };
  } catch (err) {
    throw err instanceof DomainError ? err : failed(file, err);
  } finally {
    closeSync(fd);
    rmSync(partial, { force: true });
  }
}

function failed(file: string, err: unknown): DomainError {
  const code = (err as { code?: string }).code;
  if (code === "EEXIST") {
    return new DomainError(
      "file-exists",
      `${file} already exists; choose a new name or move the old one away.`,
    );
  }
  const storage = storageError(err, dirname(file));
  if (storage) return new DomainError(storage.code, `The export could not be written: ${storage.message}`);
  return new DomainError(
    "export-failed",
    `The export could not be written to ${file}: ${(err as Error).message}`,
  );
}
