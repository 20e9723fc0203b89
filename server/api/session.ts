import { z } from "zod";

/** `POST /api/login` answer once the password was right; the session itself is the HttpOnly cookie it sets. */
export const loginResultSchema = z.object({ ok: z.literal(true) });
export type LoginResult = z.infer<typeof loginResultSchema>;
