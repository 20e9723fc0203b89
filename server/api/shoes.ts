import { z } from "zod";

/** Most running shoes are replaced somewhere between 500 and 800 km; 700 km is the default reminder. */
export const DEFAULT_RETIRE_AT_M = 700_000;

/** `POST /api/shoes` and `PUT /api/shoes/:id` body. */
export const shoeInputSchema = z.strictObject({
  name: z.string().trim().min(1, "needs a name").max(80),
  retireAtM: z.number().positive().max(10_000_000).default(DEFAULT_RETIRE_AT_M),
  isDefault: z.boolean().default(false),
  retired: z.boolean().default(false),
});
/** A pair of shoes as the dashboard sends it: every field given. */
export type ShoeInput = z.infer<typeof shoeInputSchema>;

export const shoeViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  retireAtM: z.number(),
  isDefault: z.boolean(),
  retired: z.boolean(),
  distanceM: z.number(),
  runs: z.number().int(),
  /** At or past its retire-at distance (and not yet retired). */
  dueForRetirement: z.boolean(),
});
export type ShoeView = z.infer<typeof shoeViewSchema>;

/** `GET /api/insights/shoes`: pain after runs in each pair, shown as exploratory context, never as a verdict. */
export const shoeContextSchema = z.object({
  exploratory: z.literal(true),
  note: z.string(),
  shoes: z.array(
    z.object({
      shoeId: z.number().int().nullable(),
      name: z.string(),
      runs: z.number().int(),
      eligibleRuns: z.number().int(),
      runsFollowedByPain: z.number().int(),
    }),
  ),
});
export type ShoeContext = z.infer<typeof shoeContextSchema>;
