import { z } from "zod";
import { DEFAULT_PAIN_DIARY, DIARY_MODES, type PainDiary } from "../core/pain-diary.ts";
import type { Db } from "./open.ts";

export const UNITS = ["km", "mi"] as const;

/** The runner's settings; each key is one row of JSON so a new setting needs no migration. */
export interface Settings {
  units: (typeof UNITS)[number];
  /** Optional: the analysis uses it only as a weak prior. */
  heightCm: number | null;
  /** How the pain diary is kept: every day, or pain days only under declarations (core/pain-diary.ts). */
  painDiary: PainDiary;
}

export const DEFAULT_SETTINGS: Settings = { units: "km", heightCm: null, painDiary: DEFAULT_PAIN_DIARY };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// A stored value that no longer fits (hand-edited, older version) falls back to the default rather than break.
const parsers: { [K in keyof Settings]: z.ZodType<Settings[K]> } = {
  units: z.enum(UNITS),
  heightCm: z.number().min(50).max(250).nullable(),
  painDiary: z.object({
    mode: z.enum(DIARY_MODES),
    since: day.nullable(),
    periods: z.array(z.object({ since: day, until: day.nullable(), declaredOn: day })),
    confirmations: z.array(day),
  }),
};

export function createSettingsRepo(db: Db) {
  const s = {
    all: db.sqlite.prepare<[], { key: string; value: string }>("SELECT key, value FROM settings"),
    put: db.sqlite.prepare<[string, string], void>(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
  };
  function get(): Settings {
    const out: Settings = { ...DEFAULT_SETTINGS };
    for (const { key, value } of s.all.all()) {
      if (key === "units" || key === "heightCm" || key === "painDiary") {
        const parsed = parsers[key].safeParse(JSON.parse(value));
        if (parsed.success) Object.assign(out, { [key]: parsed.data });
      }
    }
    return out;
  }
  return {
    get,
    /** Writes the given keys (validated by the caller's schema) and returns the full settings. */
    update(patch: Partial<Settings>): Settings {
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) s.put.run(key, JSON.stringify(value));
        }
      });
      return get();
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
