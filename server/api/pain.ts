import { z } from "zod";

// The pain log's vocabulary (science.md §4), defined here once: the API contract, read by the database and the
// analysis too (server/core/pain.ts).

export const PAIN_LOCATIONS = [
  "lateral",
  "anterior",
  "deep_groin",
  "inner_thigh",
  "buttock",
  "unsure",
] as const;
export const PAIN_SIDES = ["left", "right", "both"] as const;
export const PAIN_TIMINGS = ["during_run", "after_run", "next_morning", "rest_or_night"] as const;
/** Answers that send the runner to a clinician now, whatever the data shows. */
export const RED_FLAGS = [
  "cannot_bear_weight",
  "pain_at_rest_or_night",
  "deep_groin_worse_with_running_or_hopping",
  "fever_or_hot_swollen_joint",
  "after_a_fall",
  "numbness_or_weakness",
] as const;

export type PainLocation = (typeof PAIN_LOCATIONS)[number];
export type PainSide = (typeof PAIN_SIDES)[number];
export type PainTiming = (typeof PAIN_TIMINGS)[number];
export type RedFlag = (typeof RED_FLAGS)[number];

/** A real calendar date written YYYY-MM-DD. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    {
      message: "is not a real calendar date",
    },
  );

/**
 * One pain-log entry as a runner submits it. Severity 0 is a pain-free day: it needs no location,
 * and it is what gives the analysis its denominator.
 */
export const painEntryInputSchema = z
  .strictObject({
    date: isoDateSchema,
    severity: z.number().int("must be a whole number").min(0, "must be 0 to 10").max(10, "must be 0 to 10"),
    location: z.enum(PAIN_LOCATIONS).nullable().default(null),
    side: z.enum(PAIN_SIDES).nullable().default(null),
    timing: z.enum(PAIN_TIMINGS).nullable().default(null),
    note: z.string().max(2000, "must be at most 2000 characters").default(""),
    redFlags: z.array(z.enum(RED_FLAGS)).max(RED_FLAGS.length).default([]),
  })
  .refine((entry) => entry.severity === 0 || entry.location !== null, {
    message: 'location is needed when severity is above 0 (use "unsure" if you can\'t say)',
    path: ["location"],
  });

export type PainEntryInput = z.infer<typeof painEntryInputSchema>;

/** A stored pain-log entry: `GET /api/pain` items, and the answer to `POST` and `PUT`. */
export const painEntrySchema = z.object({
  id: z.number().int(),
  date: z.string(),
  severity: z.number().int(),
  location: z.enum(PAIN_LOCATIONS).nullable(),
  side: z.enum(PAIN_SIDES).nullable(),
  timing: z.enum(PAIN_TIMINGS).nullable(),
  note: z.string(),
  redFlags: z.array(z.enum(RED_FLAGS)),
  /** When it was written (ISO 8601 UTC, server clock). */
  loggedAt: z.string(),
  /** Written more than 3 days after its date. */
  recalled: z.boolean(),
});
export type PainEntry = z.infer<typeof painEntrySchema>;
