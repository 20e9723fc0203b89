import type { Db } from "./open.ts";

/** What the runner may change on a stored run; absent fields are left as they are. */
export interface RunEdit {
  name?: string | null;
  notes?: string;
  shoeId?: number | null;
  /** Moves the run by whole days from where its file puts it (0 undoes a move). */
  dateShiftDays?: number;
  dateConfirmed?: boolean;
}

/** The runner's own fields on runs: name, notes, shoe and date corrections. */
export function createRunEditsRepo(db: Db) {
  const s = {
    exists: db.sqlite.prepare<[number], { date_shift_days: number }>(
      "SELECT date_shift_days FROM activities WHERE id = ?",
    ),
    name: db.sqlite.prepare<[string | null, number], void>("UPDATE activities SET name = ? WHERE id = ?"),
    notes: db.sqlite.prepare<[string, number], void>("UPDATE activities SET notes = ? WHERE id = ?"),
    shoe: db.sqlite.prepare<[number | null, number], void>("UPDATE activities SET shoe_id = ? WHERE id = ?"),
    confirm: db.sqlite.prepare<[number, number], void>(
      "UPDATE activities SET date_confirmed = ? WHERE id = ?",
    ),
    // Moves by the difference from the current shift, so the dates written stay the file's plus the shift.
    // SET expressions read the old row, so the new date is computed again for the stored mark (issue 15).
    shift: db.sqlite.prepare<[{ delta: number; days: number; id: number }], void>(
      `UPDATE activities SET
         start_utc = strftime('%Y-%m-%dT%H:%M:%fZ', start_utc, (@delta * 86400) || ' seconds'),
         local_date = date(local_date, @delta || ' days'),
         date_suspect = (date(local_date, @delta || ' days') < '2000-01-01'
                         OR date(local_date, @delta || ' days') > date('now', '+1 day')),
         date_shift_days = @days
       WHERE id = @id`,
    ),
    shiftLaps: db.sqlite.prepare<[number, number], void>(
      `UPDATE laps SET start_utc = strftime('%Y-%m-%dT%H:%M:%fZ', start_utc, (? * 86400) || ' seconds')
       WHERE activity_id = ?`,
    ),
  };
  return {
    /** Applies an edit; false when there is no such run. */
    apply(id: number, edit: RunEdit): boolean {
      return db.transaction(() => {
        const row = s.exists.get(id);
        if (!row) return false;
        if (edit.name !== undefined) s.name.run(edit.name, id);
        if (edit.notes !== undefined) s.notes.run(edit.notes, id);
        if (edit.shoeId !== undefined) s.shoe.run(edit.shoeId, id);
        if (edit.dateConfirmed !== undefined) s.confirm.run(edit.dateConfirmed ? 1 : 0, id);
        if (edit.dateShiftDays !== undefined && edit.dateShiftDays !== row.date_shift_days) {
          const delta = edit.dateShiftDays - row.date_shift_days;
          s.shift.run({ delta, days: edit.dateShiftDays, id });
          s.shiftLaps.run(delta, id);
        }
        return true;
      });
    },
  };
}

export type RunEditsRepo = ReturnType<typeof createRunEditsRepo>;
