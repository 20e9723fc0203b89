import { lstat, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { DomainError } from "../../errors.ts";
import { type ArchiveBudget, openArchive } from "./archive.ts";
import type { FileToParse } from "./engine/engine.ts";
import { NestedArchives } from "./nested-archives.ts";
import type { RawFile } from "./read-file.ts";
import { fileTooLarge } from "./read-file.ts";
import type { ArchiveLimits, ImportOutcome, ImportSource } from "./types.ts";

export interface Expansion {
  files: FileToParse[];
  /** Closes the archives kept open for reading; call once the batch is done. */
  close: () => void;
}

type Kind = "fit" | "fit.gz" | "zip" | { skip: string };

/** Decides by name alone what a file is, so nothing that is not FIT or zip is ever read. */
function classify(name: string): Kind {
  const lower = name.toLowerCase();
  const base = lower.slice(lower.lastIndexOf("/") + 1);
  if (lower.startsWith("__macosx/") || lower.includes("/__macosx/") || base.startsWith("._")) {
    return { skip: "macOS metadata (an AppleDouble file), not an activity." };
  }
  if (base.endsWith(".fit")) return "fit";
  if (base.endsWith(".fit.gz")) return "fit.gz";
  if (base.endsWith(".zip")) return "zip";
  const dot = base.indexOf(".");
  const ext = dot >= 0 ? base.slice(dot) : "";
  const what = ext === "" ? "a file with no extension" : `a ${ext} file`;
  return { skip: `Not a FIT file (${what}); Stridewise reads .fit, .fit.gz and .zip.` };
}

function listed(display: string, outcome: Omit<ImportOutcome, "file" | "activityIds">): FileToParse {
  return { display, outcome: { file: display, activityIds: [], ...outcome } };
}

function skipped(display: string, message: string): FileToParse {
  return listed(display, { status: "skipped", code: "not-fit", message });
}

function failed(display: string, err: unknown): FileToParse {
  if (!(err instanceof DomainError)) throw err;
  return listed(display, { status: "rejected", code: err.code, message: err.message });
}

interface Ctx {
  limits: ArchiveLimits;
  out: FileToParse[];
  closers: (() => void)[];
  nested: NestedArchives;
}

/** A FIT file (or .fit.gz) to parse: `from` gives its bytes, or the path to read them from, when its turn nears. */
function toParse(
  display: string,
  kind: "fit" | "fit.gz",
  ctx: Ctx,
  from: () => Promise<{ raw: Uint8Array } | { path: string }>,
): FileToParse {
  const file = { display, gzipped: kind === "fit.gz", maxFitBytes: ctx.limits.maxFitBytes };
  return { display, read: async (): Promise<RawFile> => ({ ...file, ...(await from()) }) };
}

/**
 * Lists an archive's files (checking every cap), recursing into archives inside it, which are streamed to
 * temporary files first. The top-level archive stays open for the batch; a nested one is closed after listing
 * and re-opened from its file when its files are read.
 */
async function expandZip(
  source: string | Uint8Array,
  display: string,
  depth: number,
  budget: ArchiveBudget,
  ctx: Ctx,
): Promise<void> {
  const { limits } = ctx;
  const nested = depth > 1 && typeof source === "string";
  const archive = await openArchive(source, display, budget, limits);
  if (!nested) ctx.closers.push(archive.close);
  try {
    for (const [index, entry] of archive.entries.entries()) {
      const label = `${display}/${entry.name}`;
      const kind = classify(entry.name);
      if (kind === "zip") {
        if (depth + 1 > limits.maxDepth) {
          throw new DomainError(
            "archive-too-deep",
            `${label} is nested ${depth + 1} archives deep, more than the limit of ${limits.maxDepth}.`,
          );
        }
        const path = ctx.nested.nextPath();
        await entry.saveTo(path, limits.maxEntryBytes);
        await expandZip(path, label, depth + 1, budget, ctx);
      } else if (typeof kind === "object") ctx.out.push(skipped(label, kind.skip));
      else {
        const read = nested ? ctx.nested.reader(source, display, depth, index) : entry.read;
        ctx.out.push(toParse(label, kind, ctx, async () => ({ raw: await read(limits.maxFitBytes) })));
      }
    }
  } finally {
    if (nested) archive.close();
  }
}

/** A zip as one unit: if any cap breaks anywhere inside, the whole archive is one rejected outcome. */
async function addZip(source: string | Uint8Array, display: string, ctx: Ctx): Promise<void> {
  const mine: Ctx = { ...ctx, out: [], closers: [] };
  try {
    await expandZip(source, display, 1, { entries: 0, totalBytes: 0, packedBytes: 0 }, mine);
    ctx.out.push(...mine.out);
    ctx.closers.push(...mine.closers);
  } catch (err) {
    mine.closers.forEach((close) => close());
    ctx.out.push(failed(display, err));
  }
}

/** A file on disk (its size from the listing: over the limit, it is refused unread) or named bytes in memory. */
async function addFile(
  display: string,
  file: { path: string; size: number } | { bytes: Uint8Array },
  ctx: Ctx,
): Promise<void> {
  const kind = classify(display);
  const { maxFitBytes } = ctx.limits;
  if (kind === "zip") return addZip("path" in file ? file.path : file.bytes, display, ctx);
  if (typeof kind === "object") ctx.out.push(skipped(display, kind.skip));
  else if (("path" in file ? file.size : file.bytes.byteLength) > maxFitBytes) {
    ctx.out.push(failed(display, fileTooLarge(display, maxFitBytes)));
  } else
    ctx.out.push(
      toParse(display, kind, ctx, async () => ("path" in file ? { path: file.path } : { raw: file.bytes })),
    );
}

/** `top`: a path the runner named (followed even if it is a link); folders found inside are walked only where they really are. */
async function addPath(path: string, display: string, ctx: Ctx, top = false): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (info === null) {
    ctx.out.push(failed(display, new DomainError("not-found", `There is no file or folder at ${display}.`)));
  } else if (info.isDirectory()) {
    // A linked folder inside could loop back on itself.
    if (!top && (await lstat(path)).isSymbolicLink()) return;
    const names = await readdir(path).catch((err: Error) => {
      ctx.out.push(
        failed(display, new DomainError("unreadable-folder", `${display} cannot be read (${err.message}).`)),
      );
      return [] as string[];
    });
    names.sort();
    for (const name of names) await addPath(join(path, name), join(display, name), ctx);
  } else if (info.isFile()) {
    await addFile(display, { path, size: info.size }, ctx);
  }
}

/** Turns every source into the flat list of files to import, opening archives (and checking their caps) first. */
export async function expandSources(
  sources: readonly ImportSource[],
  limits: ArchiveLimits,
  tempDir?: string,
): Promise<Expansion> {
  const ctx: Ctx = { limits, out: [], closers: [], nested: new NestedArchives(limits, tempDir) };
  for (const source of sources) {
    if (typeof source === "string") await addPath(source, source, ctx, true);
    else if ("bytes" in source) await addFile(source.name, { bytes: source.bytes }, ctx);
    else {
      // An upload on disk: a file like any other, under the name it was sent with.
      const info = await stat(source.path).catch(() => null);
      await addFile(source.name, { path: source.path, size: info?.size ?? 0 }, ctx);
    }
  }
  const close = (): void => {
    ctx.closers.forEach((c) => c());
    ctx.nested.close();
  };
  return { files: ctx.out, close };
}
