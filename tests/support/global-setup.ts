import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { missingParts } from "./environment.ts";
import { REGISTRY_ENV, childPids, killNow, killRegisteredNow, registered, stopAll } from "./processes.ts";

/** Makes the run's PID registry; the returned teardown stops what is left in it and says what the run skipped. */
export default function setup(): () => Promise<void> {
  const registry = mkdtempSync(join(tmpdir(), "stridewise-test-run-"));
  // Workers are started after this, so they inherit it.
  process.env[REGISTRY_ENV] = registry;

  const onExit = (): void => killRegisteredNow(registry);
  const onSignal = (sig: NodeJS.Signals): void => {
    // The workers first, so that none starts anything more; they would outlive a killed vitest otherwise.
    for (const pid of childPids(process.pid)) killNow(pid);
    killRegisteredNow(registry);
    rmSync(registry, { recursive: true, force: true });
    process.off(sig, onSignal);
    // Only re-raise when nothing else (vitest) handles the signal, so its own shutdown still runs.
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
  };
  process.on("exit", onExit);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, onSignal);

  return async () => {
    await stopAll(registered(registry));
    rmSync(registry, { recursive: true, force: true });
    process.off("exit", onExit);
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.off(sig, onSignal);
    for (const line of missingParts()) console.log(line);
  };
}
