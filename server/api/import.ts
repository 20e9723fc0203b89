import { z } from "zod";

export const importStatusSchema = z.enum(["imported", "duplicate", "skipped", "rejected"]);
export type ImportStatus = z.infer<typeof importStatusSchema>;

/** What became of one uploaded file. `file` is a display path such as `export.zip/activities/123.fit.gz`. */
export const importResultSchema = z.object({
  file: z.string(),
  status: importStatusSchema,
  activityIds: z.array(z.number().int()),
  code: z.string().optional(),
  message: z.string().optional(),
  /** The file is cut off before its end: its runs are stored marked partial. */
  partial: z.boolean().optional(),
  /** How many partial copies this file's runs replaced. */
  replaced: z.number().int().optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** `POST /api/activities` (multipart field `files`) and `POST /api/demo`. */
export const importResponseSchema = z.object({
  results: z.array(importResultSchema),
  summary: z.record(importStatusSchema, z.number().int()),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

/** `stridewise import --json` and `stridewise sync --intervals --json`: every key present, null where a file has none. */
export const cliImportReportSchema = z.object({
  results: z.array(
    importResultSchema
      .pick({ file: true, status: true, activityIds: true })
      .extend({ code: z.string().nullable(), message: z.string().nullable() }),
  ),
  summary: importResponseSchema.shape.summary,
});
export type CliImportReport = z.infer<typeof cliImportReportSchema>;
