import { z } from "zod";

/** Every error answer: a kebab-case code and a sentence for the runner. */
export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** `GET /api/health`. */
export const healthSchema = z.object({ ok: z.literal(true), version: z.string() });
