import { z } from "zod";

export const unitsSchema = z.enum(["km", "mi"]);
export type Units = z.infer<typeof unitsSchema>;

/** `GET /api/settings`, and the answer to `PUT`. */
export const settingsSchema = z.object({
  units: unitsSchema,
  heightCm: z.number().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** `PUT /api/settings`: any of the settings. */
export const settingsPatchSchema = z
  .strictObject({
    units: unitsSchema,
    heightCm: z.number().min(50, "must be at least 50").max(250, "must be at most 250").nullable(),
  })
  .partial();
