import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomainError } from "../../errors.ts";
import { type OpenedArchive, openArchive } from "./archive.ts";
import type { ArchiveLimits } from "./types.ts";

type Read = (maxBytes: number) => Promise<Uint8Array>;

/**
 * Archives inside archives (a Garmin export's UploadedFiles_*_Part*.zip) are streamed to temporary files, listed
 * once, let go, and re-opened from disk when their files are imported, one per nesting level at a time: memory
 * holds no nested archive's bytes, only one open listing per level. The files go when the import closes.
 */
export class NestedArchives {
  private readonly slots = new Map<number, { path: string; archive: Promise<OpenedArchive> }>();
  private dir: string | null = null;
  private saved = 0;

  constructor(
    private readonly limits: ArchiveLimits,
    private readonly tempRoot: string = tmpdir(),
  ) {}

  /** A new path in this import's own temporary folder (made on first use, owner-only). */
  nextPath(): string {
    this.dir ??= mkdtempSync(join(this.tempRoot, "stridewise-nested-"));
    return join(this.dir, `${this.saved++}.zip`);
  }

  /** A reader for entry `index` of the nested archive saved at `path`, listed at `depth`. */
  reader(path: string, display: string, depth: number, index: number): Read {
    return async (maxBytes) => {
      const archive = await this.open(path, display, depth);
      const entry = archive.entries[index];
      if (!entry) throw new DomainError("corrupt-archive", `${display} changed while it was being imported.`);
      return entry.read(maxBytes);
    };
  }

  private open(path: string, display: string, depth: number): Promise<OpenedArchive> {
    const slot = this.slots.get(depth);
    if (slot?.path === path) return slot.archive;
    if (slot)
      void slot.archive.then(
        (a) => a.close(),
        () => undefined,
      );
    // Caps were checked when the archive was first listed; this budget only satisfies the signature.
    const budget = { entries: 0, totalBytes: 0, packedBytes: 0 };
    const archive = openArchive(path, display, budget, this.limits);
    this.slots.set(depth, { path, archive });
    return archive;
  }

  close(): void {
    for (const slot of this.slots.values())
      void slot.archive.then(
        (a) => a.close(),
        () => undefined,
      );
    this.slots.clear();
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
