import { createIntervalsClient, type ClientOptions, type IntervalsClient } from "./intervals-client.ts";
import {
  checkApiKey,
  normaliseAthleteId,
  readCredentials,
  removeCredentials,
  writeCredentials,
} from "./intervals-credentials.ts";

export interface IntervalsConnection {
  connected: boolean;
  athleteId: string | null;
}

/** Whether intervals.icu is connected, and as whom; never the key. */
export function intervalsConnection(dataDir: string): IntervalsConnection {
  const creds = readCredentials(dataDir);
  return { connected: creds !== null, athleteId: creds?.athleteId ?? null };
}

/**
 * Checks the key against intervals.icu (one small list request) and stores it only when accepted: a refused
 * key or an unreachable service throws an IntervalsError with a sentence, and nothing is stored.
 */
export async function connectIntervals(
  dataDir: string,
  input: { athleteId: string; apiKey: string },
  client: Omit<ClientOptions, "retries"> & { now?: Date },
): Promise<IntervalsConnection> {
  const creds = { athleteId: normaliseAthleteId(input.athleteId), apiKey: checkApiKey(input.apiKey) };
  const today = (client.now ?? new Date()).toISOString().slice(0, 10);
  await createIntervalsClient(creds, { ...client, retries: 1, backoffMs: 500 }).listActivities(today, today);
  writeCredentials(dataDir, creds);
  return { connected: true, athleteId: creds.athleteId };
}

export function disconnectIntervals(dataDir: string): boolean {
  return removeCredentials(dataDir);
}

/** A client for the stored connection, or null when not connected. */
export function connectedClient(dataDir: string, opts: ClientOptions): IntervalsClient | null {
  const creds = readCredentials(dataDir);
  return creds ? createIntervalsClient(creds, opts) : null;
}
