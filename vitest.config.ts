import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and child-process tests each start a server; two cores are all we have.
    maxWorkers: 2,
    // Every test (and the servers and CLIs it starts) in one zone: a file with no UTC offset is dated in the server's.
    env: { TZ: "UTC" },
    // A PID registry for the run, and a teardown that stops by PID whatever the suite started and left running.
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/stop-processes.ts"],
  },
});
