import type { ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";

// Every process the suite starts is stopped by PID: at the end of its test file (pass or fail), and by the global
// teardown if the run is cut short. Never by name: other people run `stridewise serve` on the same machine.

/** The run's registry folder, one file per started PID holding its start time; made by tests/support/global-setup.ts. */
export const REGISTRY_ENV = "STRIDEWISE_TEST_PIDS";

const GRACE_MS = 5_000;

/** A process's start time in clock ticks since boot, or null when it is gone: tells our PID from a reused one. */
export function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command name (field 2) may hold spaces, so count from its closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** The PIDs whose parent is `parent`, from /proc (empty where there is no /proc). */
export function childPids(parent: number): Set<number> {
  const out = new Set<number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return out;
  }
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent) out.add(Number(name));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return out;
}

/** Whether `pid` is still the process that started at `startTime`. */
function stillOurs(pid: number, startTime: string): boolean {
  const now = startTimeOf(pid);
  return now !== null && now === startTime;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** What this test file started and has not seen exit: PID → start time. */
const started = new Map<number, string>();

function register(pid: number): void {
  const startTime = startTimeOf(pid);
  if (startTime === null) return;
  started.set(pid, startTime);
  const registry = process.env[REGISTRY_ENV];
  if (registry) writeFileSync(join(registry, String(pid)), startTime);
}

function unregister(pid: number): void {
  started.delete(pid);
  const registry = process.env[REGISTRY_ENV];
  if (registry) rmSync(join(registry, String(pid)), { force: true });
}

/** Registers a child this test file started, so it is stopped when the file ends or the run is cut short. */
export function track<T extends ChildProcess>(child: T): T {
  const pid = child.pid;
  if (pid === undefined) return child;
  register(pid);
  child.once("exit", () => unregister(pid));
  return child;
}

/** Registers the children this process gained since `before` (a browser, whose PID playwright does not give). */
export function trackNewChildren(before: Set<number>): void {
  for (const pid of childPids(process.pid)) if (!before.has(pid)) register(pid);
}

/** SIGTERM, then SIGKILL after a grace period, to each PID still ours; resolves when all are gone. */
export async function stopAll(entries: Array<[number, string]>, graceMs = GRACE_MS): Promise<void> {
  const alive = entries.filter(([pid, startTime]) => stillOurs(pid, startTime));
  for (const [pid] of alive) signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  let left = alive;
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = left.filter(([pid, startTime]) => stillOurs(pid, startTime));
  }
  for (const [pid] of left) signal(pid, "SIGKILL");
}

/** Stops whatever this test file started that is still running (run after the file's own afterAll hooks). */
export async function stopTracked(): Promise<void> {
  // In a forked worker every child left at the end of a file is the file's, tracked or not (a promisified execFile).
  if (isMainThread) trackNewChildren(new Set());
  const entries = [...started];
  await stopAll(entries);
  for (const [pid] of entries) unregister(pid);
}

/** The registry's entries: PID and recorded start time. */
export function registered(registry: string): Array<[number, string]> {
  let names: string[];
  try {
    names = readdirSync(registry);
  } catch {
    return [];
  }
  return names.flatMap((name): Array<[number, string]> => {
    try {
      return [[Number(name), readFileSync(join(registry, name), "utf8")]];
    } catch {
      return [];
    }
  });
}

/** SIGKILL to one PID, if it is still there. */
export function killNow(pid: number): void {
  signal(pid, "SIGKILL");
}

/** Kills at once, synchronously, every registered process still ours: for a run that is being cut short. */
export function killRegisteredNow(registry: string): void {
  for (const [pid, startTime] of registered(registry)) if (stillOurs(pid, startTime)) signal(pid, "SIGKILL");
}
