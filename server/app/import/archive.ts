import { createWriteStream } from "node:fs";
import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import type yauzl from "yauzl";
import { DomainError } from "../../errors.ts";
import { fileTooLarge } from "./read-file.ts";
import type { ArchiveLimits } from "./types.ts";

/** One file inside an archive: its name as written in the archive (a label only, never a path on disk). */
export interface ArchiveEntry {
  name: string;
  /** Reads the entry; more than maxBytes is refused before reading. */
  read: (maxBytes: number) => Promise<Uint8Array>;
  /** Streams the entry into a new file at `path` (an archive inside this one), never whole into memory. */
  saveTo: (path: string, maxBytes: number) => Promise<void>;
}

/** Running totals shared by an archive and every archive nested in it, so the caps apply to the whole tree. */
export interface ArchiveBudget {
  entries: number;
  totalBytes: number;
  /** What the entries counted in totalBytes take packed: the ratio of the two is checked as it grows. */
  packedBytes: number;
}

/** Unpacked sizes past which the whole archive's ratio is checked (small archives of tiny files compress well). */
const TOTAL_RATIO_FROM_BYTES = 64 * 1024 ** 2;

export interface OpenedArchive {
  entries: ArchiveEntry[];
  close: () => void;
}

const OPTIONS = { lazyEntries: true, autoClose: false, validateEntrySizes: true } as const;

async function openZip(source: string | Uint8Array): Promise<yauzl.ZipFile> {
  // Loaded on the first zip: most imports are of .fit files, and loading it cost ~20 ms of every start.
  const { default: zipReader } = await import("yauzl");
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile): void => (err || !zip ? reject(err) : resolve(zip));
    if (typeof source === "string") zipReader.open(source, OPTIONS, done);
    else
      zipReader.fromBuffer(Buffer.from(source.buffer, source.byteOffset, source.byteLength), OPTIONS, done);
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/** The entry's contents as a stream, once its declared size is checked against maxBytes. */
function openEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  display: string,
  maxBytes: number,
): Promise<Readable> {
  if (entry.uncompressedSize > maxBytes) return Promise.reject(fileTooLarge(display, maxBytes));
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) =>
      err || !stream ? reject(corrupt(display, err)) : resolve(stream),
    ),
  );
}

async function readEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  display: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const stream = await openEntry(zip, entry, display, maxBytes);
  // A copy that owns its memory: a small Buffer is a view of a shared pool.
  return new Uint8Array(await buffer(stream).catch((err: unknown) => Promise.reject(corrupt(display, err))));
}

async function saveEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  display: string,
  path: string,
  maxBytes: number,
): Promise<void> {
  const stream = await openEntry(zip, entry, display, maxBytes);
  // "wx": a new file only, never one planted there (or a link) in the meantime.
  await pipeline(stream, createWriteStream(path, { flags: "wx", mode: 0o600 })).catch((err: unknown) => {
    throw (err as { code?: string }).code?.startsWith("E") ? err : corrupt(display, err);
  });
}

function corrupt(display: string, err: unknown): DomainError {
  const detail = err instanceof Error ? err.message : String(err);
  if (detail.startsWith("invalid relative path") || detail.startsWith("absolute path")) {
    return new DomainError(
      "unsafe-archive",
      `${display} holds an entry whose name leaves the archive (${detail}).`,
    );
  }
  return new DomainError("corrupt-archive", `${display} is not a readable zip archive (${detail}).`);
}

function tooManyEntries(display: string, limits: ArchiveLimits): DomainError {
  return new DomainError(
    "archive-too-many-entries",
    `${display} holds more than ${limits.maxEntries} files.`,
  );
}

/** Checks one entry against the caps; throws a DomainError naming the cap it breaks. */
function checkCaps(entry: yauzl.Entry, display: string, budget: ArchiveBudget, limits: ArchiveLimits): void {
  budget.entries++;
  budget.totalBytes += entry.uncompressedSize;
  budget.packedBytes += entry.compressedSize;
  if (budget.entries > limits.maxEntries) throw tooManyEntries(display, limits);
  if (budget.totalBytes > limits.maxTotalBytes) {
    throw new DomainError(
      "archive-too-large",
      `${display} would decompress to more than ${limits.maxTotalBytes} bytes in total.`,
    );
  }
  // Many entries each under ratioMinBytes (8,000 of 1 MiB − 1 from 9 MB) are caught by the running total.
  const total = budget.totalBytes / Math.max(budget.packedBytes, 1);
  if (budget.totalBytes >= TOTAL_RATIO_FROM_BYTES && total > limits.maxRatio) {
    throw new DomainError(
      "archive-compression-ratio",
      `${display} unpacks to ${Math.round(total)} times its packed size, more than the ${limits.maxRatio}:1 limit (a zip bomb?).`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize >= limits.ratioMinBytes && ratio > limits.maxRatio) {
    throw new DomainError(
      "archive-compression-ratio",
      `${display}/${entry.fileName} is compressed ${Math.round(ratio)}:1, more than the ${limits.maxRatio}:1 limit (a zip bomb?).`,
    );
  }
}

/** Opens a zip (a path or bytes) and lists its files, checking every cap before anything is read. */
export async function openArchive(
  source: string | Uint8Array,
  display: string,
  budget: ArchiveBudget,
  limits: ArchiveLimits,
): Promise<OpenedArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch (err) {
    throw corrupt(display, err);
  }
  try {
    if (budget.entries + zip.entryCount > limits.maxEntries) throw tooManyEntries(display, limits);
    const raw = await listEntries(zip).catch((err: unknown) => Promise.reject(corrupt(display, err)));
    const entries: ArchiveEntry[] = [];
    for (const entry of raw) {
      if (entry.fileName.endsWith("/")) continue;
      checkCaps(entry, display, budget, limits);
      const label = `${display}/${entry.fileName}`;
      entries.push({
        name: entry.fileName,
        read: (maxBytes) => readEntry(zip, entry, label, maxBytes),
        saveTo: (path, maxBytes) => saveEntry(zip, entry, label, path, maxBytes),
      });
    }
    return { entries, close: () => zip.close() };
  } catch (err) {
    zip.close();
    throw err;
  }
}
