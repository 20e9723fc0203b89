import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseJson } from "../support/api.ts";

// Watching a server under attack: how fast /api/health answers meanwhile, and how much memory it took.

const watchedSchema = z.object({ maxMs: z.number(), count: z.number().int(), failures: z.number().int() });

export interface HealthWatch {
  /** Stops polling; the slowest answer in ms, how many were asked, and how many failed. */
  stop(): Promise<{ maxMs: number; count: number; failures: number }>;
}

// The poller runs in a process of its own: the test's own work (building a 9 MB form) must not count as the
// server's latency. It polls until its stdin closes, then prints what it saw as JSON.
const POLLER = `
const [url, everyMs] = [process.argv[1], Number(process.argv[2])];
let running = true, maxMs = 0, count = 0, failures = 0;
process.stdin.on("end", () => { running = false; });
process.stdin.resume();
(async () => {
  await (await fetch(url + "/api/health")).arrayBuffer();
  process.stdout.write("ready\\n");
  while (running) {
    const t0 = performance.now();
    try {
      const res = await fetch(url + "/api/health", { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (!res.ok) failures++;
    } catch { failures++; }
    maxMs = Math.max(maxMs, performance.now() - t0);
    count++;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  process.stdout.write(JSON.stringify({ maxMs, count, failures }) + "\\n");
})();
`;

/**
 * Asks `${url}/api/health` again `everyMs` after each answer, from another process, until stopped; resolves
 * once the poller has had a first answer (a client's first request pays for its own start-up).
 */
export async function watchHealth(url: string, everyMs = 40): Promise<HealthWatch> {
  const child = spawn(process.execPath, ["-e", POLLER, url, String(everyMs)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  while (!out.includes("ready")) {
    if (child.exitCode !== null) throw new Error("the health poller stopped");
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    async stop() {
      child.stdin.end();
      await exited;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line === undefined) throw new Error(`the health poller said: ${out}`);
      return parseJson(line, watchedSchema, "the health poller's report");
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
