import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and child-process tests each start a server; two cores are all we have.
    maxWorkers: 2,
  },
});
