import { readdir } from "node:fs/promises";
import { userInfo } from "node:os";
import { delimiter, join } from "node:path";

/** A Garmin found mounted: over MTP through gvfs (read through the storage folder), or as a USB drive. */
export interface MountedWatch {
  /** The folder holding GARMIN: a USB drive's root, or an MTP device's storage folder. */
  mount: string;
  kind: "mtp" | "mass-storage";
  garminDir: string;
  /** GARMIN/Activity (or Activities) as spelled on the device. */
  activityDir: string;
  /** GARMIN/NewFiles, where a watch picks up workouts copied to it (null when the device has none). */
  newFilesDir: string | null;
}

/**
 * Where mounted watches appear, each pattern's `*` one folder level: gvfs's MTP mounts
 * ($XDG_RUNTIME_DIR/gvfs/<device>/<storage>), udisks (/media/<user>, /run/media/<user>) and macOS (/Volumes).
 * STRIDEWISE_WATCH_ROOTS (patterns joined by the path delimiter) replaces the list, for tests and odd setups.
 */
export function watchRoots(env: NodeJS.ProcessEnv = process.env, user = safeUser()): string[] {
  const override = env["STRIDEWISE_WATCH_ROOTS"];
  if (override) return override.split(delimiter).filter(Boolean);
  const runtime = env["XDG_RUNTIME_DIR"] || `/run/user/${process.getuid?.() ?? 0}`;
  const roots = [join(runtime, "gvfs", "*", "*")];
  if (user) roots.push(`/media/${user}/*`, `/run/media/${user}/*`);
  roots.push("/Volumes/*");
  return roots;
}

function safeUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

async function dirsIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    // Absent, unplugged mid-scan or unreadable: no watch there.
    return [];
  }
}

/** The folders a pattern names: each `*` segment is every subfolder at that level. */
async function expand(pattern: string): Promise<string[]> {
  const parts = pattern.split("/");
  let found = [parts[0] === "" ? "/" : (parts[0] as string)];
  for (const part of parts.slice(1)) {
    if (part === "") continue;
    const next: string[] = [];
    for (const dir of found) {
      if (part === "*") next.push(...(await dirsIn(dir)).map((name) => join(dir, name)));
      else next.push(join(dir, part));
    }
    found = next;
  }
  return found;
}

async function childNamed(dir: string, ...names: string[]): Promise<string | null> {
  const wanted = names.map((n) => n.toLowerCase());
  const match = (await dirsIn(dir)).find((name) => wanted.includes(name.toLowerCase()));
  return match === undefined ? null : join(dir, match);
}

/** The watch in `mount`, when it holds a GARMIN folder (any case) with Activity or Activities in it. */
async function watchAt(mount: string): Promise<MountedWatch | null> {
  const garminDir = await childNamed(mount, "garmin");
  if (!garminDir) return null;
  const activityDir = await childNamed(garminDir, "activity", "activities");
  if (!activityDir) return null;
  return {
    mount,
    kind: /[\\/]gvfs[\\/]/.test(mount) || mount.includes("mtp:") ? "mtp" : "mass-storage",
    garminDir,
    activityDir,
    newFilesDir: await childNamed(garminDir, "newfiles"),
  };
}

/** Every Garmin mounted under the roots, once each. */
export async function findWatches(roots: readonly string[] = watchRoots()): Promise<MountedWatch[]> {
  const found = new Map<string, MountedWatch>();
  for (const root of roots) {
    for (const mount of await expand(root)) {
      const watch = await watchAt(mount);
      if (watch && !found.has(watch.activityDir)) found.set(watch.activityDir, watch);
    }
  }
  return [...found.values()];
}
