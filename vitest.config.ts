import { configDefaults, defineConfig } from "vitest/config";

/** Page-time budgets: timed alone, once the rest of the suite is done (see the project below). */
const TIMED = ["tests/e2e/ten-year-pages.test.ts"];

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Every test (and the servers and CLIs it starts) in one zone: a file with no UTC offset is dated in the server's.
  env: { TZ: "UTC" },
  setupFiles: ["tests/support/stop-processes.ts"],
};

export default defineConfig({
  test: {
    // Browser and child-process tests each start a server; two cores are all we have.
    maxWorkers: 2,
    // A PID registry for the run, and a teardown that stops by PID whatever the suite started and left running.
    globalSetup: ["tests/support/global-setup.ts"],
    projects: [
      {
        test: {
          ...shared,
          name: "suite",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...TIMED],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Run after the rest, alone: beside the suite's other servers and browsers on 2 cores, a page drawn in
        // 450 ms took 1.0-1.3 s, for the code before and after a change alike (docs/performance.md).
        test: { ...shared, name: "timed", include: TIMED, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
