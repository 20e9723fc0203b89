import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { track } from "../support/processes.ts";
import { CLI, startServer, type RunningServer } from "../support/server.ts";
import { corpusPath } from "../support/corpus.ts";
import { overviewViewSchema } from "../../server/api/index.ts";
import { getBody } from "../support/api.ts";

const execFileAsync = promisify(execFile);
/** Runs a command, its child registered so that it is stopped if the test ends or the run is cut short first. */
const run = (file: string, args: string[]): Promise<{ stdout: string; stderr: string }> => {
  const pending = execFileAsync(file, args, { encoding: "utf8" });
  track(pending.child);
  return pending;
};

describe("a sync beside the running server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it("shows runs another process imported, without a restart", async () => {
    const before = await getBody(`${server.url}/api/overview`, overviewViewSchema);
    expect(before.runs).toBe(0);
    await run(process.execPath, [
      CLI,
      "import",
      corpusPath("elevate__portland.fit"),
      "--data",
      server.dataDir,
    ]);
    const after = await getBody(`${server.url}/api/overview`, overviewViewSchema);
    expect(after.runs).toBe(1);
    expect(after.lastRun?.device.product).toBe("fr935");
  });
});
