import { expect } from "vitest";
import { z } from "zod";
import { apiErrorSchema, type ApiError } from "../../server/api/index.ts";

// Every JSON body a test reads goes through its schema from server/api/, so a test fails when the server answers in
// a shape the contract does not declare (tests/support/response-bodies.test.ts keeps it so).

/** A fetch Response, or a raw node:http answer whose body was read as text. */
export type Answer = Response | { status: number; body: string };

/** A JSON request's init: `fetch(url, sendJson("PUT", { units: "mi" }))`. */
export function sendJson(method: string, body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** JSON text parsed with `schema`; a mismatch fails naming each wrong field and showing the text. */
export function parseJson<S extends z.ZodType>(text: string, schema: S, what = "response body"): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${what} is not JSON: ${text.slice(0, 300)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `${what} does not match its schema:\n${z.prettifyError(parsed.error)}\n${text.slice(0, 300)}`,
    );
  }
  // zod drops keys a schema does not declare: a field the server sends but the contract lacks fails here.
  const undeclared = droppedKeys(value, parsed.data, "").filter((at) => !KNOWN_UNDECLARED.test(at));
  if (undeclared.length > 0) {
    throw new Error(`${what} has fields its schema does not declare: ${undeclared.slice(0, 10).join(", ")}`);
  }
  return parsed.data;
}

// Known and reported: the pain routes send the pain repo's bookkeeping times, which the contract leaves out (loggedAt
// says when an entry was written). Drop this once those routes shape their answers with painEntrySchema.
const KNOWN_UNDECLARED = /(^|\.)(createdAt|updatedAt)$/;

/** The paths of object keys in `raw` that parsing left out of `parsed`. */
function droppedKeys(raw: unknown, parsed: unknown, path: string): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.flatMap((item, i) => droppedKeys(item, parsed[i], `${path}[${i}]`));
  }
  if (!isPlainObject(raw) || !isPlainObject(parsed)) return [];
  return Object.keys(raw).flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    return key in parsed ? droppedKeys(raw[key], parsed[key], at) : [at];
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The answer's body parsed with its server/api schema, once its status is `status`: `await expectBody(res, painEntrySchema, 201)`. */
export async function expectBody<S extends z.ZodType>(
  res: Answer,
  schema: S,
  status = 200,
): Promise<z.output<S>> {
  const text = res instanceof Response ? await res.text() : res.body;
  expect(res.status, `status of an answer whose body is ${text.slice(0, 300)}`).toBe(status);
  return parseJson(text, schema);
}

/** The error an answer carries (apiErrorSchema), once its status is `status`: `(await expectError(res, 404)).code`. */
export async function expectError(res: Answer, status: number): Promise<ApiError["error"]> {
  return (await expectBody(res, apiErrorSchema, status)).error;
}

/** GET `url` and its 200 body parsed with `schema`: `await getBody(`${app.url}/api/settings`, settingsSchema)`. */
export async function getBody<S extends z.ZodType>(url: string, schema: S): Promise<z.output<S>> {
  return expectBody(await fetch(url), schema);
}
