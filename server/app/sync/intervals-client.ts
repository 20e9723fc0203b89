import { DomainError } from "../../errors.ts";

/** The default service; STRIDEWISE_INTERVALS_URL points elsewhere (a proxy, or the tests' stand-in). */
export const INTERVALS_URL = "https://intervals.icu";

export function resolveIntervalsUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env["STRIDEWISE_INTERVALS_URL"] || INTERVALS_URL).replace(/\/+$/, "");
}

export interface IntervalsCredentials {
  /** As intervals.icu shows it on the settings page, e.g. "i12345". */
  athleteId: string;
  apiKey: string;
}

/** A failure talking to intervals.icu; `retryAfterMs` is set when it asked us to slow down. */
export class IntervalsError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(code, message);
    this.name = "IntervalsError";
  }
}

/** One activity in the calendar list; `available` is false for the stubs the API gives for Strava imports. */
export interface RemoteActivity {
  id: string;
  /** Local start as intervals.icu lists it ("2025-05-04T09:00:00"), null when hidden. */
  startDateLocal: string | null;
  type: string | null;
  fileType: string | null;
  available: boolean;
}

export interface ClientOptions {
  baseUrl: string;
  /** Least time between two requests: keeps a first sync of hundreds of files well under the rate limits. */
  minGapMs?: number;
  /** Tries after the first for a 5xx, a dropped connection or a truncated body. */
  retries?: number;
  /** First back-off after an error; doubled each retry. */
  backoffMs?: number;
  /** A 429 asking to wait longer than this ends the sync (the poll tries again later) instead of waiting. */
  maxRetryWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));
/** Longest a request may take, the download of a large original included. */
const TIMEOUT_MS = 60_000;

/** Retry-After in ms: seconds or an HTTP date; a minute when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header !== null && header.trim() !== "") {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  return 60_000;
}

/** Retryable trouble: a 5xx, a dropped connection, a body cut short. */
class Transient extends Error {}

/** What an answer other than 2xx means: a refused key, a rate limit, nothing there, an outage, or else. */
function failure(res: Response, athleteId: string, method: string, path: string): Error {
  const where = path.split("?")[0];
  if (res.status === 401 || res.status === 403) {
    return new IntervalsError(
      "intervals-key-refused",
      `intervals.icu refused the API key for athlete ${athleteId}: it may have been revoked or mistyped; connect again with the key from intervals.icu → Settings → Developer Settings.`,
    );
  }
  if (res.status === 429) {
    return new IntervalsError(
      "intervals-rate-limited",
      "intervals.icu asked Stridewise to slow down (too many requests); the next sync picks up where this one stopped.",
      retryAfterMs(res.headers.get("retry-after")),
    );
  }
  if (res.status === 404)
    return new IntervalsError("intervals-not-found", `intervals.icu has nothing at ${where}.`);
  if (res.status >= 500) return new Transient(`it answered ${res.status}`);
  return new IntervalsError("intervals-error", `intervals.icu answered ${res.status} to ${method} ${where}.`);
}

/** The few intervals.icu API calls sync needs, over HTTP Basic (user API_KEY, password the key). */
export function createIntervalsClient(creds: IntervalsCredentials, opts: ClientOptions) {
  const auth = `Basic ${Buffer.from(`API_KEY:${creds.apiKey}`).toString("base64")}`;
  const sleep = opts.sleep ?? sleepFor;
  const minGapMs = opts.minGapMs ?? 200;
  const retries = opts.retries ?? 3;
  const backoffMs = opts.backoffMs ?? 2000;
  const maxRetryWaitMs = opts.maxRetryWaitMs ?? 120_000;
  let nextAt = 0;

  async function once(path: string, init: RequestInit): Promise<Uint8Array> {
    const wait = nextAt - Date.now();
    if (wait > 0) await sleep(wait);
    nextAt = Date.now() + minGapMs;
    let res: Response;
    try {
      res = await fetch(`${opts.baseUrl}${path}`, {
        ...init,
        headers: { Authorization: auth, Accept: "*/*", ...(init.headers as Record<string, string>) },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new Transient(`could not connect (${causeOf(err)})`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw failure(res, creds.athleteId, init.method ?? "GET", path);
    }
    let body: Uint8Array;
    try {
      body = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      throw new Transient(`the answer was cut short (${causeOf(err)})`);
    }
    const declared = Number(res.headers.get("content-length") ?? Number.NaN);
    if (
      Number.isFinite(declared) &&
      res.headers.get("content-encoding") === null &&
      declared !== body.length
    ) {
      throw new Transient(`the answer was cut short (${body.length} of ${declared} bytes)`);
    }
    return body;
  }

  async function request(path: string, init: RequestInit = {}): Promise<Uint8Array> {
    let lastProblem = "";
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        return await once(path, init);
      } catch (err) {
        if (err instanceof IntervalsError && err.code === "intervals-rate-limited") {
          const waitMs = err.retryAfterMs ?? 60_000;
          if (attempt === retries || waitMs > maxRetryWaitMs) throw err;
          await sleep(waitMs);
          continue;
        }
        if (!(err instanceof Transient)) throw err;
        lastProblem = err.message;
        if (attempt < retries) await sleep(backoffMs * 2 ** attempt);
      }
    }
    throw new IntervalsError(
      "intervals-unreachable",
      `Could not reach intervals.icu at ${opts.baseUrl}: ${lastProblem}, ${retries + 1} times. Nothing was lost; the next sync tries again.`,
    );
  }

  return {
    athleteId: creds.athleteId,
    /** Activities whose local start date is in [oldest, newest] (YYYY-MM-DD, both inclusive). */
    async listActivities(oldest: string, newest: string): Promise<RemoteActivity[]> {
      const q = new URLSearchParams({ oldest, newest });
      const body = await request(`/api/v1/athlete/${encodeURIComponent(creds.athleteId)}/activities?${q}`, {
        headers: { Accept: "application/json" },
      });
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(body).toString("utf8"));
      } catch {
        throw new IntervalsError(
          "intervals-bad-answer",
          "intervals.icu sent an activity list that is not JSON.",
        );
      }
      if (!Array.isArray(parsed)) {
        throw new IntervalsError(
          "intervals-bad-answer",
          "intervals.icu sent something other than an activity list.",
        );
      }
      return parsed.flatMap((raw: unknown) => toRemote(raw));
    },
    /** The original file as uploaded (often gzipped FIT; the caller sniffs). */
    downloadOriginal(activityId: string): Promise<Uint8Array> {
      return request(`/api/v1/activity/${encodeURIComponent(activityId)}/file`);
    },
    /** Puts a FIT workout on the athlete's calendar as a planned workout; returns the event's id. */
    async createWorkoutEvent(event: { date: string; name: string; description: string; fit: Uint8Array }) {
      const body = await request(`/api/v1/athlete/${encodeURIComponent(creds.athleteId)}/events`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({
          category: "WORKOUT",
          type: "Run",
          start_date_local: `${event.date}T00:00:00`,
          name: event.name,
          description: event.description,
          filename: `${event.name.replace(/[^\w+-]+/g, "-")}.fit`,
          file_contents_base64: Buffer.from(event.fit).toString("base64"),
        }),
      });
      const parsed = JSON.parse(Buffer.from(body).toString("utf8") || "{}") as { id?: unknown };
      return { id: parsed.id === undefined ? null : String(parsed.id) };
    },
  };
}

export type IntervalsClient = ReturnType<typeof createIntervalsClient>;

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (cause && typeof cause.message === "string") return cause.message;
  return err instanceof Error ? err.message : String(err);
}

function toRemote(raw: unknown): RemoteActivity[] {
  if (typeof raw !== "object" || raw === null) return [];
  const r = raw as Record<string, unknown>;
  if (typeof r["id"] !== "string" && typeof r["id"] !== "number") return [];
  const str = (k: string): string | null => (typeof r[k] === "string" ? (r[k] as string) : null);
  return [
    {
      id: String(r["id"]),
      startDateLocal: str("start_date_local"),
      type: str("type"),
      fileType: str("file_type"),
      // Strava-sourced activities come back as a stub with only a _note: no file to download.
      available: r["_note"] === undefined && r["source"] !== "STRAVA",
    },
  ];
}
