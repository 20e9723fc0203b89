import type { IntervalsConnectInput, SyncStatusView } from "../server/api/sync.ts";
import { ApiError } from "./api.ts";

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  const parsed = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  if (!res.ok) {
    const err = parsed?.error;
    throw new ApiError(
      res.status,
      err?.code ?? "http-error",
      err?.message ?? `The server answered ${res.status}.`,
    );
  }
  return parsed as T;
}

/** The sync endpoints: status, the intervals.icu connection, a sync now. */
export const syncApi = {
  status: () => call<SyncStatusView>("GET", "/api/sync/status"),
  connect: (input: IntervalsConnectInput) =>
    call<SyncStatusView["intervals"]>("PUT", "/api/sync/intervals", input),
  disconnect: () => call<SyncStatusView["intervals"]>("DELETE", "/api/sync/intervals"),
  syncNow: () =>
    call<{ summary: { imported: number }; message: string | null }>("POST", "/api/sync/intervals/run", {}),
};

/** Fetches a workout file and hands it to the browser as a download; a refusal comes back as an ApiError. */
export async function downloadWorkout(kind: "cadence" | "next-run"): Promise<void> {
  const res = await fetch(`/api/sync/workouts/${kind}.fit`);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(res.status, body?.error?.code ?? "http-error", body?.error?.message ?? "No workout.");
  }
  const name =
    /filename="?([^";]+)"?/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `${kind}.fit`;
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
