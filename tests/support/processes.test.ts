import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REGISTRY_ENV, killRegisteredNow, startTimeOf, stopAll, track } from "./processes.ts";

const children: ChildProcess[] = [];

/** A node process that idles until killed; `stubborn` ones ignore SIGTERM. */
async function idler(stubborn = false): Promise<ChildProcess> {
  const code = `${stubborn ? "process.on('SIGTERM', () => {});" : ""} console.log('up'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  await new Promise((resolve) => child.stdout?.once("data", resolve));
  return child;
}

const alive = (child: ChildProcess): boolean =>
  startTimeOf(child.pid ?? -1) !== null && child.exitCode === null;
const exited = (child: ChildProcess): Promise<unknown> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", resolve));

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe("the test-process registry", () => {
  it("kills a registered process by PID, and spares a PID whose start time says it is someone else's", async () => {
    const registry = mkdtempSync(join(tmpdir(), "stridewise-registry-test-"));
    const ours = await idler();
    const reused = await idler();
    writeFileSync(join(registry, String(ours.pid)), startTimeOf(ours.pid ?? -1) ?? "");
    writeFileSync(join(registry, String(reused.pid)), "1");
    killRegisteredNow(registry);
    await exited(ours);
    expect(ours.signalCode).toBe("SIGKILL");
    expect(alive(reused)).toBe(true);
    rmSync(registry, { recursive: true });
  });

  it("stops with SIGTERM, and with SIGKILL what ignores it past the grace period", async () => {
    const polite = await idler();
    const stubborn = await idler(true);
    const entries = [polite, stubborn].map((c): [number, string] => [
      c.pid ?? -1,
      startTimeOf(c.pid ?? -1) ?? "",
    ]);
    await stopAll(entries, 300);
    await Promise.all([exited(polite), exited(stubborn)]);
    expect(polite.signalCode).toBe("SIGTERM");
    expect(stubborn.signalCode).toBe("SIGKILL");
  });

  it.runIf(process.env[REGISTRY_ENV] !== undefined)(
    "writes a tracked child into the run's registry and takes it out when it exits",
    async () => {
      const child = track(await idler());
      const entry = join(process.env[REGISTRY_ENV] ?? "", String(child.pid));
      expect(existsSync(entry)).toBe(true);
      child.kill("SIGTERM");
      await exited(child);
      expect(existsSync(entry)).toBe(false);
    },
  );
});
