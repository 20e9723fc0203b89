import type { PainEntryInput, PainLocation, PainSide, PainTiming, RedFlag } from "../api/pain.ts";
import type { PainEntry } from "../core/pain.ts";
import { isRecalled } from "../core/pain-outcomes.ts";
import { DomainError } from "../errors.ts";
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
  logged_at: string | null;
}

/** A stored entry with its bookkeeping times (ISO 8601 UTC). */
export interface StoredPainEntry extends PainEntry {
  /** When what it says was written (server clock): set on create, moved when severity or timing change. */
  loggedAt: string;
  /** Written more than 3 days after its date: still counted, but named as recalled. */
  recalled: boolean;
  createdAt: string;
  updatedAt: string;
}

// The table's CHECK constraints hold the same vocabularies as api/pain.ts, so these casts only narrow.
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
    loggedAt: r.logged_at ?? r.created_at,
    recalled: isRecalled({ date: r.date, loggedAt: r.logged_at ?? r.created_at }),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function values(
  e: PainEntryInput,
): [string, number, string | null, string | null, string | null, string, string] {
  return [e.date, e.severity, e.location, e.side, e.timing, e.note, JSON.stringify(e.redFlags)];
}

const DATE_TAKEN = (date: string): DomainError =>
  new DomainError(
    "pain-entry-date-taken",
    `There is already a pain entry for ${date}: change that one instead.`,
  );

/** The pain log, one entry per day. Inputs are validated by painEntryInputSchema before they get here; `now` is ISO 8601 UTC. */
export function createPainRepo(db: Db) {
  const q = db.sqlite;
  const s = {
    insert: q.prepare(
      `INSERT INTO pain_entries (date, severity, location, side, timing, note, red_flags, created_at, updated_at, logged_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: q.prepare(
      `UPDATE pain_entries SET date = ?, severity = ?, location = ?, side = ?, timing = ?, note = ?, red_flags = ?,
       updated_at = ?, logged_at = ? WHERE id = ?`,
    ),
    get: q.prepare<[number], PainRow>("SELECT * FROM pain_entries WHERE id = ?"),
    byDate: q.prepare<[string], PainRow>("SELECT * FROM pain_entries WHERE date = ?"),
    range: q.prepare<[string, string], PainRow>(
      "SELECT * FROM pain_entries WHERE date BETWEEN ? AND ? ORDER BY date, id",
    ),
    remove: q.prepare<[number], void>("DELETE FROM pain_entries WHERE id = ?"),
  };
  // A correction of the note or location keeps when the pain was reported; a new severity or timing is a new report.
  const loggedAtAfter = (old: PainRow, input: PainEntryInput, now: string): string =>
    old.severity === input.severity && old.timing === input.timing ? (old.logged_at ?? old.created_at) : now;
  function update(id: number, input: PainEntryInput, now: string): StoredPainEntry | null {
    const old = s.get.get(id);
    if (!old) return null;
    const clash = s.byDate.get(input.date);
    if (clash && clash.id !== id) throw DATE_TAKEN(input.date);
    s.update.run(...values(input), now, loggedAtAfter(old, input, now), id);
    return toEntry(s.get.get(id) as PainRow);
  }
  return {
    /** A new entry for a date that has none (throws pain-entry-date-taken otherwise). */
    create(input: PainEntryInput, now: string): StoredPainEntry {
      if (s.byDate.get(input.date)) throw DATE_TAKEN(input.date);
      const id = Number(s.insert.run(...values(input), now, now, now).lastInsertRowid);
      return toEntry(s.get.get(id) as PainRow);
    },
    /** One entry per day: creates the date's entry, or replaces the one it has. */
    upsert(input: PainEntryInput, now: string): { entry: StoredPainEntry; created: boolean } {
      return db.transaction(() => {
        const existing = s.byDate.get(input.date);
        if (existing) return { entry: update(existing.id, input, now) as StoredPainEntry, created: false };
        const id = Number(s.insert.run(...values(input), now, now, now).lastInsertRowid);
        return { entry: toEntry(s.get.get(id) as PainRow), created: true };
      });
    },
    get(id: number): StoredPainEntry | null {
      const row = s.get.get(id);
      return row ? toEntry(row) : null;
    },
    /** Entries by date (oldest first), optionally within [from, to] inclusive (YYYY-MM-DD). */
    list(opts: { from?: string; to?: string } = {}): StoredPainEntry[] {
      return s.range.all(opts.from ?? "0000-00-00", opts.to ?? "9999-99-99").map(toEntry);
    },
    /** Replaces an entry's fields; null when there is no such entry (throws when another entry has the new date). */
    update(id: number, input: PainEntryInput, now: string): StoredPainEntry | null {
      return db.transaction(() => update(id, input, now));
    },
    delete(id: number): boolean {
      return s.remove.run(id).changes > 0;
    },
  };
}

export type PainRepo = ReturnType<typeof createPainRepo>;
