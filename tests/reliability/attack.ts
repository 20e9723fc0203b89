import { readFileSync } from "node:fs";

// Watching a server under attack: how fast /api/health answers meanwhile, and how much memory it took.

export interface HealthWatch {
  /** Stops polling; the slowest answer in ms, how many were asked, and how many failed. */
  stop(): Promise<{ maxMs: number; count: number; failures: number }>;
}

/**
 * Asks `${url}/api/health` again `everyMs` after each answer until stopped, once it has had a first answer
 * (the client's own first request costs it ~100 ms of start-up, which is not the server's latency).
 */
export async function watchHealth(url: string, everyMs = 40): Promise<HealthWatch> {
  await (await fetch(`${url}/api/health`)).arrayBuffer();
  let running = true;
  let maxMs = 0;
  let count = 0;
  let failures = 0;
  const loop = (async (): Promise<void> => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        if (!res.ok) failures++;
      } catch {
        failures++;
      }
      maxMs = Math.max(maxMs, performance.now() - t0);
      count++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { maxMs, count, failures };
    },
  };
}

/** The peak resident memory of a process so far (Linux's VmHWM), in MiB; NaN where /proc is not there. */
export function peakRssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** A multipart body with one file under `files`, as a browser sends it (the name in UTF-8). */
export function oneFileForm(name: string, bytes: Uint8Array): FormData {
  const form = new FormData();
  form.append("files", new Blob([new Uint8Array(bytes)]), name);
  return form;
}
