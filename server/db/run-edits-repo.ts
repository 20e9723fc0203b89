import { createAnalysisRepo } from "./analysis-repo.ts";
import type { Db } from "./open.ts";

/** What the runner may change on a stored run; absent fields are left as they are. */
export interface RunEdit {
  name?: string | null;
  notes?: string;
  shoeId?: number | null;
  /** Moves the run by seconds from where its file puts it (0 undoes a move). */
  dateShiftS?: number;
  /** The same in whole days (the older form of the move). */
  dateShiftDays?: number;
  dateConfirmed?: boolean;
}

/** The runner's own fields on runs: name, notes, shoe and date corrections. */
export function createRunEditsRepo(db: Db) {
  const analysis = createAnalysisRepo(db);
  const s = {
    exists: db.sqlite.prepare<[number], { date_shift_s: number }>(
      "SELECT date_shift_s FROM activities WHERE id = ?",
    ),
    name: db.sqlite.prepare<[string | null, number], void>("UPDATE activities SET name = ? WHERE id = ?"),
    notes: db.sqlite.prepare<[string, number], void>("UPDATE activities SET notes = ? WHERE id = ?"),
    shoe: db.sqlite.prepare<[number | null, number], void>("UPDATE activities SET shoe_id = ? WHERE id = ?"),
    confirm: db.sqlite.prepare<[number, number], void>(
      "UPDATE activities SET date_confirmed = ? WHERE id = ?",
    ),
    // Moves by the difference from the current shift, so the dates written stay the file's plus the shift.
    // SET expressions read the old row, so the new local date is the old start + offset + delta (the file's
    // rule, fit-parser localDateOf), and the stored mark is computed from it again (issue 15).
    shift: db.sqlite.prepare<[{ delta: number; shift: number; id: number }], void>(
      `UPDATE activities SET
         start_utc = strftime('%Y-%m-%dT%H:%M:%fZ', start_utc, @delta || ' seconds'),
         local_date = date(start_utc, (coalesce(utc_offset_s, 0) + @delta) || ' seconds'),
         date_suspect = (date(start_utc, (coalesce(utc_offset_s, 0) + @delta) || ' seconds') < '2000-01-01'
                         OR date(start_utc, (coalesce(utc_offset_s, 0) + @delta) || ' seconds')
                            > date('now', '+1 day')),
         date_shift_s = @shift
       WHERE id = @id`,
    ),
    shiftLaps: db.sqlite.prepare<[number, number], void>(
      `UPDATE laps SET start_utc = strftime('%Y-%m-%dT%H:%M:%fZ', start_utc, ? || ' seconds')
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
        const shift =
          edit.dateShiftS ?? (edit.dateShiftDays === undefined ? undefined : edit.dateShiftDays * 86_400);
        if (shift !== undefined && shift !== row.date_shift_s) {
          const delta = shift - row.date_shift_s;
          s.shift.run({ delta, shift, id });
          s.shiftLaps.run(delta, id);
          analysis.forget(id);
        }
        return true;
      });
    },
  };
}

export type RunEditsRepo = ReturnType<typeof createRunEditsRepo>;
