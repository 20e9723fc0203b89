import { z } from "zod";
import { importResponseSchema } from "./import.ts";

/** PUT /api/sync/intervals: connect an account. The key goes in, and is never sent back out. */
export const intervalsConnectSchema = z.strictObject({
  athleteId: z.string().min(1).max(20),
  apiKey: z.string().min(1).max(200),
});
export type IntervalsConnectInput = z.infer<typeof intervalsConnectSchema>;

export const syncFailureViewSchema = z.object({ file: z.string(), message: z.string() });
export type SyncFailureView = z.infer<typeof syncFailureViewSchema>;

/** One sync as the dashboard shows it. */
export const syncRunViewSchema = z.object({
  source: z.enum(["intervals", "watch"]),
  finishedAt: z.string(),
  status: z.enum(["ok", "partial", "failed"]),
  downloaded: z.number().int(),
  imported: z.number().int(),
  duplicate: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  message: z.string().nullable(),
  failures: z.array(syncFailureViewSchema),
});
export type SyncRunView = z.infer<typeof syncRunViewSchema>;

/** `PUT` and `DELETE /api/sync/intervals`: whether intervals.icu is connected, and as whom; never the key. */
export const intervalsConnectionSchema = z.object({
  connected: z.boolean(),
  athleteId: z.string().nullable(),
});
export type IntervalsConnectionView = z.infer<typeof intervalsConnectionSchema>;

/** GET /api/sync/status. */
export const syncStatusViewSchema = z.object({
  intervals: intervalsConnectionSchema,
  /** Most recent first. */
  runs: z.array(syncRunViewSchema),
});
export type SyncStatusView = z.infer<typeof syncStatusViewSchema>;

/** `POST /api/sync/intervals/run`: what one sync on demand brought in. */
export const intervalsSyncResultSchema = z.object({
  summary: importResponseSchema.shape.summary,
  /** Originals downloaded this time. */
  downloaded: z.number().int(),
  /** Why the sync stopped early, null when it went through. */
  message: z.string().nullable(),
});
export type IntervalsSyncResult = z.infer<typeof intervalsSyncResultSchema>;
