/**
 * Something to import: a path on disk (file or folder), named bytes already in memory, or a file on disk
 * known by another name (an HTTP upload, streamed to a temporary file): every cap applies to each alike.
 */
export type ImportSource = string | { name: string; bytes: Uint8Array } | { name: string; path: string };

export type ImportStatus = "imported" | "duplicate" | "skipped" | "rejected";

/** What became of one file. `file` is a display path such as `export.zip/activities/123.fit.gz`. */
export interface ImportOutcome {
  file: string;
  status: ImportStatus;
  activityIds: number[];
  code?: string;
  message?: string;
  /** The file is cut off before its end: its runs are stored marked partial. */
  partial?: boolean;
  /** How many partial copies this file's runs replaced. */
  replaced?: number;
}

export type ImportSummary = Record<ImportStatus, number>;

export interface ImportReport {
  results: ImportOutcome[];
  summary: ImportSummary;
  /** What the analysis after the import did; null when nothing new was analysed. */
  analysis?: AnalysisReport | null;
}

/** What the analysis after an import did: the runs it reads (those that count), and how many were analysed now. */
export interface AnalysisReport {
  runs: number;
  analysed: number;
}

export interface ImportProgress {
  done: number;
  total: number;
  /** The file being imported now; null once the batch is done. */
  current: string | null;
}

/** Caps that keep a hostile or broken archive from exhausting memory or disk. */
export interface ArchiveLimits {
  /** Sum of the declared uncompressed sizes of every entry, nested archives included. */
  maxTotalBytes: number;
  /** Entries in an archive, nested archives included. */
  maxEntries: number;
  /** Uncompressed / compressed size of one entry, checked for entries above ratioMinBytes. */
  maxRatio: number;
  ratioMinBytes: number;
  /** Archives inside archives: 1 is a plain zip; a Garmin account export needs 2. */
  maxDepth: number;
  /** Largest nested archive read into memory. */
  maxEntryBytes: number;
  /** Largest FIT file (or .fit.gz content) read: the biggest real ones are a few MB. */
  maxFitBytes: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxTotalBytes: 8 * 1024 ** 3,
  maxEntries: 200_000,
  maxRatio: 100,
  ratioMinBytes: 1024 ** 2,
  maxDepth: 3,
  maxEntryBytes: 1024 ** 3,
  maxFitBytes: 64 * 1024 ** 2,
};

/** What the runner (or the calling command) chooses about an import. */
export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Called as each file's outcome is known (the CLI prints as it goes). */
  onResult?: (outcome: ImportOutcome) => void;
  limits?: Partial<ArchiveLimits>;
  /** Analyse the new runs once they are stored (the default); false stores only (`--no-analysis`). */
  analyse?: boolean;
  /** Worker threads beside this one (`--threads`); "auto" chooses by files and cores; default 0. */
  threads?: number | "auto";
  /** Every file parsed on a worker, this thread only stores: a server's event loop stays free during an upload. */
  offThread?: boolean;
  /** Where archives inside archives are unpacked to while they are read (the system's temp folder by default). */
  tempDir?: string;
  /** The clock, for imported_at; ISO 8601 UTC. */
  now?: () => string;
}

export function summarise(results: readonly ImportOutcome[]): ImportSummary {
  const summary: ImportSummary = { imported: 0, duplicate: 0, skipped: 0, rejected: 0 };
  for (const r of results) summary[r.status]++;
  return summary;
}
