import { lstat, readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { DomainError } from "../errors.ts";
import { openArchive, type ArchiveBudget } from "./archive.ts";
import { NestedArchives } from "./nested-archives.ts";
import { checkedSize, fileTooLarge, unreadableFile } from "./unpack.ts";
import type { ArchiveLimits, ImportOutcome, ImportSource } from "./import-types.ts";

/** A file to parse, or a file whose outcome is already known (not FIT, a broken archive). */
export type Candidate =
  | { display: string; gzipped: boolean; read: () => Promise<Uint8Array>; path?: string }
  | { display: string; outcome: Omit<ImportOutcome, "file"> };

export interface Expansion {
  candidates: Candidate[];
  /** Closes the archives kept open for reading; call once the batch is done. */
  close: () => void;
}

type Kind = "fit" | "fit.gz" | "zip" | { skip: string };

/** Decides by name alone what a file is, so nothing that is not FIT or zip is ever read. */
export function classify(name: string): Kind {
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

function skipped(display: string, message: string): Candidate {
  return { display, outcome: { status: "skipped", activityIds: [], code: "not-fit", message } };
}

function failed(display: string, err: unknown): Candidate {
  if (err instanceof DomainError) {
    return {
      display,
      outcome: { status: "rejected", activityIds: [], code: err.code, message: err.message },
    };
  }
  throw err;
}

interface ZipCtx {
  budget: ArchiveBudget;
  limits: ArchiveLimits;
  out: Candidate[];
  closers: (() => void)[];
  nested: NestedArchives;
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
  ctx: ZipCtx,
): Promise<void> {
  if (depth > ctx.limits.maxDepth) {
    throw new DomainError(
      "archive-too-deep",
      `${display} is nested ${depth} archives deep, more than the limit of ${ctx.limits.maxDepth}.`,
    );
  }
  const nested = depth > 1 && typeof source === "string";
  const archive = await openArchive(source, display, ctx.budget, ctx.limits);
  if (!nested) ctx.closers.push(archive.close);
  try {
    for (const [index, entry] of archive.entries.entries()) {
      const label = `${display}/${entry.name}`;
      const kind = classify(entry.name);
      const read = nested ? ctx.nested.reader(source, display, depth, index) : entry.read;
      if (kind === "zip") {
        if (depth + 1 > ctx.limits.maxDepth) {
          throw new DomainError(
            "archive-too-deep",
            `${label} is nested ${depth + 1} archives deep, more than the limit of ${ctx.limits.maxDepth}.`,
          );
        }
        const path = ctx.nested.nextPath();
        await entry.saveTo(path, ctx.limits.maxEntryBytes);
        await expandZip(path, label, depth + 1, ctx);
      } else if (typeof kind === "object") ctx.out.push(skipped(label, kind.skip));
      else
        ctx.out.push({
          display: label,
          gzipped: kind === "fit.gz",
          read: () => read(ctx.limits.maxFitBytes),
        });
    }
  } finally {
    if (nested) archive.close();
  }
}

/** A zip as one unit: if any cap breaks anywhere inside, the whole archive is one rejected outcome. */
async function addZip(
  source: string | Uint8Array,
  display: string,
  limits: ArchiveLimits,
  ctx: Ctx,
): Promise<void> {
  const mine: Candidate[] = [];
  const myClosers: (() => void)[] = [];
  try {
    await expandZip(source, display, 1, {
      budget: { entries: 0, totalBytes: 0, packedBytes: 0 },
      limits,
      out: mine,
      closers: myClosers,
      nested: ctx.nested,
    });
    ctx.out.push(...mine);
    ctx.closers.push(...myClosers);
  } catch (err) {
    myClosers.forEach((close) => close());
    ctx.out.push(failed(display, err));
  }
}

/** `size` is from the folder listing: a file over the limit is refused without being read. */
async function addFile(
  path: string,
  display: string,
  size: number,
  limits: ArchiveLimits,
  ctx: Ctx,
): Promise<void> {
  const kind = classify(display);
  if (kind === "zip") return addZip(path, display, limits, ctx);
  if (typeof kind === "object") return void ctx.out.push(skipped(display, kind.skip));
  if (size > limits.maxFitBytes)
    return void ctx.out.push(failed(display, fileTooLarge(display, limits.maxFitBytes)));
  const read = async (): Promise<Uint8Array> => {
    const bytes = await readFile(path).catch((err: unknown) => {
      throw unreadableFile(display, err);
    });
    return checkedSize(bytes, display, limits.maxFitBytes);
  };
  ctx.out.push({ display, gzipped: kind === "fit.gz", read, path });
}

interface Ctx {
  out: Candidate[];
  closers: (() => void)[];
  nested: NestedArchives;
}

/** Named bytes in memory: the same caps as a file on disk (the size is known, so it is checked first). */
async function addBytes(
  source: { name: string; bytes: Uint8Array },
  limits: ArchiveLimits,
  ctx: Ctx,
): Promise<void> {
  const kind = classify(source.name);
  if (typeof kind === "object") return void ctx.out.push(skipped(source.name, kind.skip));
  if (kind !== "zip" && source.bytes.byteLength > limits.maxFitBytes) {
    return void ctx.out.push(failed(source.name, fileTooLarge(source.name, limits.maxFitBytes)));
  }
  if (kind === "zip") return addZip(source.bytes, source.name, limits, ctx);
  ctx.out.push({
    display: source.name,
    gzipped: kind === "fit.gz",
    // A copy: the bytes may move to a parse worker, and the caller's buffer must stay theirs.
    read: () => Promise.resolve(checkedSize(source.bytes.slice(), source.name, limits.maxFitBytes)),
  });
}

/** `top`: a path the runner named (followed even if it is a link); folders found inside are walked only where they really are. */
async function addPath(
  path: string,
  display: string,
  limits: ArchiveLimits,
  ctx: Ctx,
  top = false,
): Promise<void> {
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
    for (const name of names) await addPath(join(path, name), join(display, name), limits, ctx);
  } else if (info.isFile()) {
    await addFile(path, display, info.size, limits, ctx);
  }
}

/** Turns every source into the flat list of files to import, opening archives (and checking their caps) first. */
export async function expandSources(
  sources: readonly ImportSource[],
  limits: ArchiveLimits,
  tempDir?: string,
): Promise<Expansion> {
  const ctx: Ctx = { out: [], closers: [], nested: new NestedArchives(limits, tempDir) };
  for (const source of sources) {
    if (typeof source === "string") {
      await addPath(source, source, limits, ctx, true);
      continue;
    }
    if ("path" in source) {
      // An upload on disk: a file like any other, under the name it was sent with.
      const info = await stat(source.path).catch(() => null);
      await addFile(source.path, source.name, info?.size ?? 0, limits, ctx);
      continue;
    }
    await addBytes(source, limits, ctx);
  }
  const close = (): void => {
    ctx.closers.forEach((c) => c());
    ctx.nested.close();
  };
  return { candidates: ctx.out, close };
}
