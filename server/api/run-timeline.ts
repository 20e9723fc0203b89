import { z } from "zod";

/** One run on the pain timeline: what the bars draw, no more (a ten-year list item is ~800 bytes, this ~80). */
export const timelineRunSchema = z.object({
  id: z.number().int(),
  localDate: z.string(),
  distanceM: z.number(),
  /** Low cadence for its speed ("possible" or "marked"), as the runs list's overstriding filter. */
  lowCadence: z.boolean(),
  /** More than 10% longer than the longest of the 30 days before, as the runs list's spike filter. */
  spike: z.boolean(),
});
export type TimelineRun = z.infer<typeof timelineRunSchema>;

/**
 * `GET /api/activities/timeline`: every listed run with a distance, newest first, in one answer. Runs too short
 * to count and runs whose date needs the runner are left out, as they are off every time axis.
 */
export const runTimelineSchema = z.object({ runs: z.array(timelineRunSchema) });
export type RunTimeline = z.infer<typeof runTimelineSchema>;
