import type { Db } from "./open.ts";

const KEY = "tileUrl";
const ATTRIBUTION_KEY = "tileAttribution";

/** The runner's map tile URL and its credit line, kept in the settings table under keys of their own. */
export function createMapSettingsRepo(db: Db) {
  const s = {
    get: db.sqlite.prepare<[string], { value: string }>("SELECT value FROM settings WHERE key = ?"),
    put: db.sqlite.prepare<[string, string], void>(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
  };
  const text = (key: string): string | null => {
    const row = s.get.get(key);
    const value: unknown = row ? JSON.parse(row.value) : null;
    return typeof value === "string" ? value : null;
  };
  return {
    tileUrl: (): string | null => text(KEY),
    setTileUrl(url: string | null): void {
      s.put.run(KEY, JSON.stringify(url));
    },
    /** The credit shown with the tiles, as the runner wrote it. */
    tileAttribution: (): string | null => text(ATTRIBUTION_KEY),
    setTileAttribution(attribution: string | null): void {
      s.put.run(ATTRIBUTION_KEY, JSON.stringify(attribution));
    },
  };
}

export type MapSettingsRepo = ReturnType<typeof createMapSettingsRepo>;
