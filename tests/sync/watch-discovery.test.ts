import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { findWatches, watchRoots } from "../../server/app/sync/watch-discovery.ts";
import { tempDir } from "../app/fixtures.ts";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir("stridewise-watches-");
});
afterEach(() => tmp.remove());

describe("watchRoots()", () => {
  it("looks under gvfs in XDG_RUNTIME_DIR, the user's media folders and /Volumes", () => {
    expect(watchRoots({ XDG_RUNTIME_DIR: "/run/user/1000" }, "ana")).toEqual([
      "/run/user/1000/gvfs/*/*",
      "/media/ana/*",
      "/run/media/ana/*",
      "/Volumes/*",
    ]);
  });
  it("takes STRIDEWISE_WATCH_ROOTS instead when set", () => {
    expect(watchRoots({ STRIDEWISE_WATCH_ROOTS: "/a/*:/b" }, "ana")).toEqual(["/a/*", "/b"]);
  });
});

describe("findWatches()", () => {
  it("finds Garmin folders in any case, with Activity or Activities, and ignores other drives", async () => {
    const gvfs = join(tmp.path, "gvfs", "mtp:host=091e_4f42_1", "Internal Storage", "Garmin", "Activities");
    const usb = join(tmp.path, "media", "FR245", "GARMIN", "ACTIVITY");
    mkdirSync(gvfs, { recursive: true });
    mkdirSync(usb, { recursive: true });
    mkdirSync(join(tmp.path, "media", "FR245", "GARMIN", "NewFiles"));
    mkdirSync(join(tmp.path, "media", "USBSTICK", "photos"), { recursive: true });
    mkdirSync(join(tmp.path, "media", "HALF", "GARMIN"), { recursive: true });
    const found = await findWatches([join(tmp.path, "gvfs", "*", "*"), join(tmp.path, "media", "*")]);
    expect(found.map((w) => [w.kind, w.activityDir, w.newFilesDir])).toEqual([
      ["mtp", gvfs, null],
      ["mass-storage", usb, join(tmp.path, "media", "FR245", "GARMIN", "NewFiles")],
    ]);
  });
  it("finds nothing where nothing is mounted", async () => {
    expect(await findWatches([join(tmp.path, "absent", "*")])).toEqual([]);
  });
});
