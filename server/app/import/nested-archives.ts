import { DomainError } from "../../errors.ts";
import { type OpenedArchive, openArchive } from "./archive.ts";
import type { ArchiveLimits } from "./types.ts";

type Read = (maxBytes?: number) => Promise<Uint8Array>;

/**
 * Archives inside archives (a Garmin export's UploadedFiles_*_Part*.zip) are listed once, let go, and re-opened
 * when their files are imported, one per nesting level at a time: memory holds one nested archive per level,
 * not every part of a multi-gigabyte export at once.
 */
export class NestedArchives {
  private readonly slots = new Map<number, { key: string; archive: Promise<OpenedArchive> }>();

  constructor(private readonly limits: ArchiveLimits) {}

  /** A reader for entry `index` of the nested archive `key` at `depth`, whose bytes `load` fetches again. */
  reader(key: string, depth: number, load: Read, index: number): Read {
    return async (maxBytes) => {
      const archive = await this.open(key, depth, load);
      const entry = archive.entries[index];
      if (!entry) throw new DomainError("corrupt-archive", `${key} changed while it was being imported.`);
      return entry.read(maxBytes);
    };
  }

  private open(key: string, depth: number, load: Read): Promise<OpenedArchive> {
    const slot = this.slots.get(depth);
    if (slot?.key === key) return slot.archive;
    if (slot)
      void slot.archive.then(
        (a) => a.close(),
        () => undefined,
      );
    // Caps were checked when the archive was first listed; this budget only satisfies the signature.
    const budget = { entries: 0, totalBytes: 0 };
    const archive = load(this.limits.maxEntryBytes).then((bytes) =>
      openArchive(bytes, key, budget, this.limits),
    );
    this.slots.set(depth, { key, archive });
    return archive;
  }

  close(): void {
    for (const slot of this.slots.values())
      void slot.archive.then(
        (a) => a.close(),
        () => undefined,
      );
    this.slots.clear();
  }
}
