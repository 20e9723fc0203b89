import type { PainEntryInput } from "../api/pain.ts";

// The pain log's vocabulary and the entry a runner submits are defined once, in the HTTP contract
// (server/api/pain.ts, science.md §4): the database and the analysis read them from there.

/** A stored pain-log entry as the analysis reads it. */
export interface PainEntry extends PainEntryInput {
  id: number;
  /** When it was written (ISO 8601 UTC, server clock); absent for entries made up in tests. */
  loggedAt?: string | null;
}
