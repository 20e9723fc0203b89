import type { Db } from "./open.ts";

const KEY = "tileUrl";

/** The runner's map tile URL, kept in the settings table under its own key. */
export function createMapSettingsRepo(db: Db) {
  const s = {
    get: db.sqlite.prepare<[string], { value: string }>("SELECT value FROM settings WHERE key = ?"),
    put: db.sqlite.prepare<[string, string], void>(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
  };
  return {
    tileUrl(): string | null {
      const row = s.get.get(KEY);
      const value: unknown = row ? JSON.parse(row.value) : null;
      return typeof value === "string" ? value : null;
    },
    setTileUrl(url: string | null): void {
      s.put.run(KEY, JSON.stringify(url));
    },
  };
}

export type MapSettingsRepo = ReturnType<typeof createMapSettingsRepo>;
