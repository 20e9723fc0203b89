import { z } from "zod";

export const unitsSchema = z.enum(["km", "mi"]);
export type Units = z.infer<typeof unitsSchema>;

export const diaryModeSchema = z.enum(["every_day", "pain_days"]);
export type DiaryMode = z.infer<typeof diaryModeSchema>;

/** How the runner keeps the pain diary: the declaration in force, and every past one. */
export const painDiarySchema = z.object({
  mode: diaryModeSchema,
  since: z.string().nullable(),
  periods: z.array(z.object({ since: z.string(), until: z.string().nullable(), declaredOn: z.string() })),
  confirmations: z.array(z.string()),
});
export type PainDiary = z.infer<typeof painDiarySchema>;

/** `GET /api/settings`, and the answer to `PUT`. */
export const settingsSchema = z.object({
  units: unitsSchema,
  heightCm: z.number().nullable(),
  painDiary: painDiarySchema,
  /** The runner's date now (by their latest run's UTC offset): the "today" the server checks dates against. */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The UTC offset (s) `today` is reckoned in: a page left open counts the runner's days on from it. */
  utcOffsetS: z.number().int(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** `PUT /api/settings`: any of the keys; painDiary as a declaration (the route checks it: server/http/routes/settings.ts). */
export interface SettingsPatch {
  units?: Units;
  heightCm?: number | null;
  painDiary?: { mode: DiaryMode; since: string | null };
}

/** `PUT /api/settings`: any of the settings. */
export const settingsPatchSchema = z
  .strictObject({
    units: unitsSchema,
    heightCm: z.number().min(50, "must be at least 50").max(250, "must be at most 250").nullable(),
  })
  .partial();
