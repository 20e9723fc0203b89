import { z } from "zod";

/** `GET /api/calendar` query. */
export const calendarQuerySchema = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month written YYYY-MM")
    .optional(),
});

/** `POST /api/demo` body: confirm adding the demo beside the runner's own runs. */
export const demoLoadSchema = z.strictObject({ confirm: z.boolean().default(false) });
/** What the runner types to delete everything: a phrase, not a click, because nothing brings it back. */
export const DELETE_ALL_PHRASE = "delete all my data";
/** `POST /api/data/delete-all` body: the phrase the runner typed. */
export const deleteAllSchema = z.strictObject({ confirm: z.string() });

export const personalRecordViewSchema = z.object({
  key: z.string(),
  label: z.string(),
  distanceM: z.number(),
  durationS: z.number().nullable(),
  runId: z.number().int(),
  localDate: z.string(),
});
export type PersonalRecordView = z.infer<typeof personalRecordViewSchema>;

/**
 * `GET /api/records/so-far`: the records over the runs read so far, answered at once. Each run's fastest
 * stretches are read from its original once and kept; until every run is read, `pendingRuns` says how many
 * are left (they are being read in the background) and a later call may find faster stretches.
 */
export const recordsSoFarSchema = z.object({
  records: z.array(personalRecordViewSchema),
  pendingRuns: z.number().int().min(0),
});
export type RecordsSoFar = z.infer<typeof recordsSoFarSchema>;

export const calendarDaySchema = z.object({
  date: z.string(),
  runs: z.array(z.object({ id: z.number().int(), distanceM: z.number(), name: z.string().nullable() })),
  /** Worst pain logged that day, 0–10; null when nothing was logged. */
  painSeverity: z.number().nullable(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

/** `GET /api/calendar`. */
export const calendarViewSchema = z.object({
  month: z.string(),
  /** Monday-first weeks would need the client's locale: days are listed, the page lays them out. */
  days: z.array(calendarDaySchema),
  totalDistanceM: z.number(),
});
export type CalendarView = z.infer<typeof calendarViewSchema>;

/** `GET /api/demo`: how many runs came from "Try the demo" and how many are the runner's own. */
export const demoStatusSchema = z.object({
  demoRuns: z.number().int(),
  realRuns: z.number().int(),
});
export type DemoStatus = z.infer<typeof demoStatusSchema>;

/** `GET/PUT /api/map`. */
export const mapSettingsSchema = z.object({
  /** Tile URL template with {z}, {x} and {y}, https only; null draws the outline on a plain background. */
  tileUrl: z.string().nullable(),
  /** The credit the tile server asks for ("© OpenStreetMap contributors"), shown on every route drawn over it. */
  tileAttribution: z.string().nullable(),
});
export type MapSettings = z.infer<typeof mapSettingsSchema>;

/** `DELETE /api/demo`: how many of the demo's files went. */
export const demoRemovedSchema = z.object({ removedFiles: z.number().int() });
export type DemoRemoved = z.infer<typeof demoRemovedSchema>;

/** `POST /api/data/delete-all`, once the phrase was right. */
export const deletedAllSchema = z.object({ deleted: z.literal(true) });
export type DeletedAll = z.infer<typeof deletedAllSchema>;

/** OpenStreetMap's tile servers require this credit; it is filled in when their URL is set without one. */
export const OSM_ATTRIBUTION = "© OpenStreetMap contributors";

const isHttpsTemplate = (v: string): boolean => {
  try {
    return new URL(v.replace(/\{[a-z]\}/g, "0")).protocol === "https:";
  } catch {
    return false;
  }
};

/** `PUT /api/map` body; an absent attribution leaves the saved one as it is, null or "" clears it. */
export const mapSettingsInputSchema = z.strictObject({
  tileUrl: z
    .string()
    .trim()
    .max(500)
    .refine(isHttpsTemplate, "must be an https:// URL")
    .refine((v) => ["{z}", "{x}", "{y}"].every((p) => v.includes(p)), "must contain {z}, {x} and {y}")
    .nullable(),
  tileAttribution: z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .refine((v) => !/[<>]/.test(v), "must be plain text")
    .nullable()
    .optional(),
});
export type MapSettingsInput = z.infer<typeof mapSettingsInputSchema>;
