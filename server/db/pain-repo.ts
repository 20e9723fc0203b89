import type { PainEntry, PainEntryInput, PainLocation, PainSide, PainTiming, RedFlag } from "../core/pain.ts";
import type { Db } from "./open.ts";

interface PainRow {
  id: number;
  date: string;
  severity: number;
  location: string | null;
  side: string | null;
  timing: string | null;
  note: string;
  red_flags: string;
  created_at: string;
  updated_at: string;
}

/** A stored entry with its bookkeeping times (ISO 8601 UTC). */
export interface StoredPainEntry extends PainEntry {
  createdAt: string;
  updatedAt: string;
}

// The table's CHECK constraints hold the same vocabularies as core/pain.ts, so these casts only narrow.
function toEntry(r: PainRow): StoredPainEntry {
  return {
    id: r.id,
    date: r.date,
    severity: r.severity,
    location: r.location as PainLocation | null,
    side: r.side as PainSide | null,
    timing: r.timing as PainTiming | null,
    note: r.note,
    redFlags: JSON.parse(r.red_flags) as RedFlag[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function values(
  e: PainEntryInput,
): [string, number, string | null, string | null, string | null, string, string] {
  return [e.date, e.severity, e.location, e.side, e.timing, e.note, JSON.stringify(e.redFlags)];
}

/** The pain log. Inputs are validated by painEntryInputSchema before they get here; `now` is ISO 8601 UTC. */
export function createPainRepo(db: Db) {
  const q = db.sqlite;
  const s = {
    insert: q.prepare(
      `INSERT INTO pain_entries (date, severity, location, side, timing, note, red_flags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: q.prepare(
      `UPDATE pain_entries SET date = ?, severity = ?, location = ?, side = ?, timing = ?, note = ?, red_flags = ?,
       updated_at = ? WHERE id = ?`,
    ),
    get: q.prepare<[number], PainRow>("SELECT * FROM pain_entries WHERE id = ?"),
    range: q.prepare<[string, string], PainRow>(
      "SELECT * FROM pain_entries WHERE date BETWEEN ? AND ? ORDER BY date, id",
    ),
    remove: q.prepare<[number], void>("DELETE FROM pain_entries WHERE id = ?"),
  };
  return {
    create(input: PainEntryInput, now: string): StoredPainEntry {
      const id = Number(s.insert.run(...values(input), now, now).lastInsertRowid);
      return toEntry(s.get.get(id) as PainRow);
    },
    get(id: number): StoredPainEntry | null {
      const row = s.get.get(id);
      return row ? toEntry(row) : null;
    },
    /** Entries by date (oldest first), optionally within [from, to] inclusive (YYYY-MM-DD). */
    list(opts: { from?: string; to?: string } = {}): StoredPainEntry[] {
      return s.range.all(opts.from ?? "0000-00-00", opts.to ?? "9999-99-99").map(toEntry);
    },
    /** Replaces an entry's fields; null when there is no such entry. */
    update(id: number, input: PainEntryInput, now: string): StoredPainEntry | null {
      if (s.update.run(...values(input), now, id).changes === 0) return null;
      return toEntry(s.get.get(id) as PainRow);
    },
    delete(id: number): boolean {
      return s.remove.run(id).changes > 0;
    },
  };
}

export type PainRepo = ReturnType<typeof createPainRepo>;
