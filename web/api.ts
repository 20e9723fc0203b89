import type {
  ActivityDetail,
  ActivityListItem,
  ActivityPage,
  CadenceView,
  ImportResponse,
  InsightsView,
  LoadView,
  OverviewView,
  PainEntry,
  PainEntryInput,
  RunTimeline,
  Settings,
  SettingsPatch,
} from "../server/api/index.ts";
import { extraApi } from "./api-extra.ts";
import { setRunnerToday, setUnits } from "./format.ts";

/** An error the API answered with; `message` is written for the runner. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorFrom(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (err && typeof err.message === "string") {
    return new ApiError(status, typeof err.code === "string" ? err.code : "error", err.message);
  }
  return new ApiError(status, "http-error", `The server answered ${status} without an explanation.`);
}

let answersWait: Promise<unknown> = Promise.resolve();
let settingsWait: Promise<unknown> = Promise.resolve();

/**
 * The settings now in flight (`ready` must not reject). With `hold`, every GET's answer waits for them, so a page that
 * fetched alongside draws only in the runner's units: for a cold load, which knows none yet.
 */
export function settingsInFlight(ready: Promise<unknown>, hold: boolean): void {
  settingsWait = ready;
  if (hold) answersWait = ready;
}

/** Settles once the settings last asked for are applied: for what must start on the runner's today (the pain form). */
export function settingsApplied(): Promise<unknown> {
  return settingsWait;
}

/** One JSON call to the API; a refusal or a lost connection comes back as an ApiError naming the problem. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const gate = method === "GET" ? answersWait : null;
  const answer = requestWithStatus<T>(method, path, body);
  // Fetched at once, handed over after the settings: allSettled so an early refusal is not left unhandled.
  if (gate) await Promise.allSettled([answer, gate]);
  return (await answer).body;
}

/** Settings as answered, applied to every formatter (units) and to the runner's today. */
async function appliedSettings(answer: Promise<{ body: Settings }>): Promise<Settings> {
  const { body } = await answer;
  setUnits(body.units);
  setRunnerToday(body.today, body.utcOffsetS);
  return body;
}

/** As request, with the status too: for the few answers whose meaning rides on it (201 created, 200 updated). */
export async function requestWithStatus<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Could not reach the Stridewise server. Is it still running?");
  }
  if (res.status === 204) return { status: 204, body: undefined as T };
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) throw errorFrom(res.status, parsed);
  return { status: res.status, body: parsed as T };
}

export interface UploadCallbacks {
  /** Fraction 0–1 of bytes sent. */
  onProgress?: (fraction: number) => void;
  /** All bytes are sent; the server is now parsing. */
  onProcessing?: () => void;
}

/** Uploads files as multipart field `files`, with progress (fetch cannot report upload progress). */
export function uploadFiles(files: readonly File[], cb: UploadCallbacks = {}): Promise<ImportResponse> {
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/activities");
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) cb.onProgress?.(event.loaded / event.total);
    });
    xhr.upload.addEventListener("load", () => cb.onProcessing?.());
    xhr.addEventListener("load", () => {
      const body: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportResponse);
      else reject(errorFrom(xhr.status, body));
    });
    xhr.addEventListener("error", () =>
      reject(new ApiError(0, "network", "The upload was interrupted. Is the server still running?")),
    );
    xhr.send(form);
  });
}

/** The typed dashboard API. */
export const api = {
  overview: () => request<OverviewView>("GET", "/api/overview"),
  activities: (page = 1, pageSize = 50, runsOnly = false) =>
    request<ActivityPage>("GET", `/api/activities?page=${page}&pageSize=${pageSize}&runsOnly=${runsOnly}`),
  activity: (id: number) => request<ActivityDetail>("GET", `/api/activities/${id}`),
  deleteActivity: (id: number) => request<void>("DELETE", `/api/activities/${id}`),
  load: (from?: string, to?: string) =>
    request<LoadView>(
      "GET",
      `/api/load${from || to ? `?${new URLSearchParams({ ...(from && { from }), ...(to && { to }) }).toString()}` : ""}`,
    ),
  cadence: () => request<CadenceView>("GET", "/api/cadence"),
  insights: () => request<InsightsView>("GET", "/api/insights"),
  pain: () => request<PainEntry[]>("GET", "/api/pain"),
  /** The entries from `from` to `to` inclusive: a page that asks about a few days need not fetch ten years. */
  painBetween: (from: string, to: string) =>
    request<PainEntry[]>("GET", `/api/pain?${new URLSearchParams({ from, to }).toString()}`),
  runTimeline: () => request<RunTimeline>("GET", "/api/activities/timeline"),
  addPain: (entry: PainEntryInput) => request<PainEntry>("POST", "/api/pain", entry),
  updatePain: (id: number, entry: PainEntryInput) => request<PainEntry>("PUT", `/api/pain/${id}`, entry),
  unansweredRuns: () => request<ActivityListItem[]>("GET", "/api/pain/unanswered"),
  deletePain: (id: number) => request<void>("DELETE", `/api/pain/${id}`),
  // The settings are what other answers wait for: never held themselves.
  settings: () => appliedSettings(requestWithStatus<Settings>("GET", "/api/settings")),
  saveSettings: (patch: SettingsPatch) =>
    appliedSettings(requestWithStatus<Settings>("PUT", "/api/settings", patch)),
  confirmPainDiary: () =>
    appliedSettings(requestWithStatus<Settings>("POST", "/api/settings/pain-diary/confirm", {})),
  demo: (confirm = false) => request<ImportResponse>("POST", "/api/demo", { confirm }),
  ...extraApi(request),
};

/** Saves the day's one pain entry: POST upserts by date, so a second save that day updates it (200) instead of adding (201). */
export async function logPainForDay(input: PainEntryInput): Promise<{ entry: PainEntry; updated: boolean }> {
  const { status, body } = await requestWithStatus<PainEntry>("POST", "/api/pain", input);
  return { entry: body, updated: status === 200 };
}
