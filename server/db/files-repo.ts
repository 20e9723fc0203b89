import type { Db } from "./open.ts";

/** A stored original, without its bytes (listing never loads them). */
export interface StoredFile {
  id: number;
  sha256: string;
  originalName: string;
  sizeBytes: number;
  importedAt: string;
}

export interface NewFile {
  sha256: string;
  originalName: string;
  bytes: Uint8Array;
  importedAt: string;
}

interface FileRow {
  id: number;
  sha256: string;
  original_name: string;
  size_bytes: number;
  imported_at: string;
}

const COLUMNS = "id, sha256, original_name, size_bytes, imported_at";

function toFile(row: FileRow): StoredFile {
  return {
    id: row.id,
    sha256: row.sha256,
    originalName: row.original_name,
    sizeBytes: row.size_bytes,
    importedAt: row.imported_at,
  };
}

/** The originals: FIT bytes kept so everything can be recomputed. */
export function createFilesRepo(db: Db) {
  const s = {
    insert: db.sqlite.prepare<[string, string, number, string, Uint8Array], void>(
      "INSERT INTO files (sha256, original_name, size_bytes, imported_at, bytes) VALUES (?, ?, ?, ?, ?)",
    ),
    bySha: db.sqlite.prepare<[string], FileRow>(`SELECT ${COLUMNS} FROM files WHERE sha256 = ?`),
    byId: db.sqlite.prepare<[number], FileRow>(`SELECT ${COLUMNS} FROM files WHERE id = ?`),
    bytes: db.sqlite.prepare<[number], { bytes: Buffer }>("SELECT bytes FROM files WHERE id = ?"),
    ids: db.sqlite.prepare<[], { id: number }>("SELECT id FROM files ORDER BY id"),
    hashes: db.sqlite.prepare<[], { sha256: string }>("SELECT sha256 FROM files"),
    remove: db.sqlite.prepare<[number], void>("DELETE FROM files WHERE id = ?"),
    count: db.sqlite.prepare<[], { n: number }>("SELECT count(*) AS n FROM files"),
  };
  return {
    insert(file: NewFile): number {
      const info = s.insert.run(
        file.sha256,
        file.originalName,
        file.bytes.byteLength,
        file.importedAt,
        file.bytes,
      );
      return Number(info.lastInsertRowid);
    },
    findBySha256(sha256: string): StoredFile | null {
      const row = s.bySha.get(sha256);
      return row ? toFile(row) : null;
    },
    get(id: number): StoredFile | null {
      const row = s.byId.get(id);
      return row ? toFile(row) : null;
    },
    /** The original bytes, or null when the file is gone. */
    bytes(id: number): Uint8Array | null {
      const row = s.bytes.get(id);
      return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : null;
    },
    allIds(): number[] {
      return s.ids.all().map((r) => r.id);
    },
    /** Every stored original's SHA-256: what a parse worker checks a file against before parsing it. */
    allHashes(): string[] {
      return s.hashes.all().map((r) => r.sha256);
    },
    /** Deletes an original and, by cascade, every activity read from it. */
    delete(id: number): boolean {
      return s.remove.run(id).changes > 0;
    },
    count(): number {
      return s.count.get()?.n ?? 0;
    },
  };
}

export type FilesRepo = ReturnType<typeof createFilesRepo>;
