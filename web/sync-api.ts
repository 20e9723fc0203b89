import type { IntervalsConnectInput, SyncStatusView } from "../server/api/sync.ts";
import { errorFrom, request as call } from "./api.ts";

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
  if (!res.ok) throw errorFrom(res.status, await res.json().catch(() => null));
  const name =
    /filename="?([^";]+)"?/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `${kind}.fit`;
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
