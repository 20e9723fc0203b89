import { z } from "zod";

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

/** `GET /api/pain` query: entries from `from` to `to` (inclusive, local dates); without them, the whole log. */
export const painListQuerySchema = z.strictObject({
  from: localDate.optional(),
  to: localDate.optional(),
});
export type PainListQuery = z.infer<typeof painListQuerySchema>;
