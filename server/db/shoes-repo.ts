import type { Db } from "./open.ts";

/** A pair of shoes and the distance run in it (runs assigned to it, summed). */
export interface Shoe {
  id: number;
  name: string;
  retireAtM: number;
  isDefault: boolean;
  retired: boolean;
  createdAt: string;
  distanceM: number;
  runs: number;
}

export interface ShoeInput {
  name: string;
  retireAtM: number;
  isDefault: boolean;
  retired: boolean;
}

interface ShoeRow {
  id: number;
  name: string;
  retire_at_m: number;
  is_default: number;
  retired: number;
  created_at: string;
  distance_m: number;
  runs: number;
}

const toShoe = (r: ShoeRow): Shoe => ({
  id: r.id,
  name: r.name,
  retireAtM: r.retire_at_m,
  isDefault: r.is_default === 1,
  retired: r.retired === 1,
  createdAt: r.created_at,
  distanceM: r.distance_m,
  runs: r.runs,
});

const SELECT = `SELECT s.*, coalesce(sum(a.distance_m), 0) AS distance_m, count(a.id) AS runs
  FROM shoes s LEFT JOIN activities a ON a.shoe_id = s.id AND a.is_run = 1`;

/** Shoes, their mileage, and which pair new runs get. */
export function createShoesRepo(db: Db) {
  const q = db.sqlite;
  const s = {
    list: q.prepare<[], ShoeRow>(`${SELECT} GROUP BY s.id ORDER BY s.retired, s.created_at DESC, s.id DESC`),
    get: q.prepare<[number], ShoeRow>(`${SELECT} WHERE s.id = ? GROUP BY s.id`),
    insert: q.prepare<[string, number, number, number, string], void>(
      "INSERT INTO shoes (name, retire_at_m, is_default, retired, created_at) VALUES (?, ?, ?, ?, ?)",
    ),
    update: q.prepare<[string, number, number, number, number], void>(
      "UPDATE shoes SET name = ?, retire_at_m = ?, is_default = ?, retired = ? WHERE id = ?",
    ),
    clearDefault: q.prepare<[number], void>("UPDATE shoes SET is_default = 0 WHERE id != ?"),
    remove: q.prepare<[number], void>("DELETE FROM shoes WHERE id = ?"),
  };
  // One default at most; a retired pair is never the default.
  const write = (id: number, input: ShoeInput): void => {
    const isDefault = input.isDefault && !input.retired ? 1 : 0;
    s.update.run(input.name, input.retireAtM, isDefault, input.retired ? 1 : 0, id);
    if (isDefault) s.clearDefault.run(id);
  };
  return {
    list: (): Shoe[] => s.list.all().map(toShoe),
    get(id: number): Shoe | null {
      const row = s.get.get(id);
      return row ? toShoe(row) : null;
    },
    create(input: ShoeInput, now: string): Shoe {
      return db.transaction(() => {
        const id = Number(s.insert.run(input.name, input.retireAtM, 0, 0, now).lastInsertRowid);
        write(id, input);
        return toShoe(s.get.get(id) as ShoeRow);
      });
    },
    update(id: number, input: ShoeInput): Shoe | null {
      return db.transaction(() => {
        if (!s.get.get(id)) return null;
        write(id, input);
        return toShoe(s.get.get(id) as ShoeRow);
      });
    },
    /** Deletes a pair; its runs keep their data and lose the assignment. */
    delete: (id: number): boolean => s.remove.run(id).changes > 0,
  };
}

export type ShoesRepo = ReturnType<typeof createShoesRepo>;
