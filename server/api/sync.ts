import { z } from "zod";

/** PUT /api/sync/intervals: connect an account. The key goes in, and is never sent back out. */
export const intervalsConnectSchema = z.strictObject({
  athleteId: z.string().min(1).max(20),
  apiKey: z.string().min(1).max(200),
});
export type IntervalsConnectInput = z.infer<typeof intervalsConnectSchema>;

export interface SyncFailureView {
  file: string;
  message: string;
}

/** One sync as the dashboard shows it. */
export interface SyncRunView {
  source: "intervals" | "watch";
  finishedAt: string;
  status: "ok" | "partial" | "failed";
  downloaded: number;
  imported: number;
  duplicate: number;
  skipped: number;
  rejected: number;
  message: string | null;
  failures: SyncFailureView[];
}

/** GET /api/sync/status. */
export interface SyncStatusView {
  intervals: { connected: boolean; athleteId: string | null };
  /** Most recent first. */
  runs: SyncRunView[];
}
