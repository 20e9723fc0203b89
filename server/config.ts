import { resolve } from "node:path";

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = "127.0.0.1";

/** The data folder: --data wins, then STRIDEWISE_DATA, then ./data under the working directory. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env["STRIDEWISE_DATA"] ?? "data");
}

/** The port: --port wins, then PORT, then 4173. */
export function resolvePort(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const raw = flag ?? env["PORT"];
  if (raw === undefined || raw === "") return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`Port must be a whole number from 0 to 65535, not "${raw}".`);
  }
  return port;
}
