import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { openDb } from "../../server/db/open.ts";
import { importAndAnalyse } from "../../server/app/import/import-and-analyse.ts";
import { seededRandom, shuffleInPlace } from "../../server/core/random.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";
import { filesForm } from "../support/app.ts";
import { startServer } from "../support/server.ts";
import { tempDir } from "../app/fixtures.ts";
import { storageProblems } from "./fuzz-harness.ts";

// SIGKILL the server in the middle of a bulk upload, again and again at seeded random points: each time the
// database must be whole, and a final upload must bring in the rest with no duplicates.

const KILLS = 6;
const files = corpusFiles()
  .map((name) => ({ name, bytes: readCorpusFile(name) }))
  .filter((f) => f.bytes.length < 800_000);
const CONTENT_KEY =
  "SELECT start_utc || ' ' || sport || ' ' || ifnull(round(distance_m), '') AS k FROM activities ORDER BY 1";

/** Activities stored so far, read beside the server (WAL lets a reader in while it writes). */
function countActivities(dataDir: string): number {
  const db = openDb(join(dataDir, "stridewise.db"));
  try {
    return (db.sqlite.prepare("SELECT count(*) AS n FROM activities").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("the server killed mid-upload", () => {
  let tmp: ReturnType<typeof tempDir>;
  let expected: string[];
  beforeAll(async () => {
    tmp = tempDir("stridewise-kill-");
    const ref = openDb(":memory:");
    await importAndAnalyse(ref, files);
    expected = ref.sqlite
      .prepare(CONTENT_KEY)
      .all()
      .map((r) => (r as { k: string }).k);
    ref.close();
  });
  afterAll(() => tmp.remove());

  it(`stays whole after ${KILLS} SIGKILLs at random points, and a re-upload completes it with no duplicates`, async () => {
    const data = join(tmp.path, "data");
    const random = seededRandom(66);
    const seen: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const server = await startServer(["--data", data]);
      // A new order each time, so files not yet stored come early in some batches and late in others.
      const order = [...files];
      shuffleInPlace(order, random);
      const before = countActivities(data);
      // Kill once the server has stored a few more activities (a random part of this kill's share of what is
      // left): mid-batch, however fast the import is, and leaving some for every later kill.
      const share = Math.max(1, Math.floor((expected.length - before) / (KILLS - k + 1)));
      const target = before + 1 + Math.floor(random() * share);
      const upload = fetch(`${server.url}/api/activities`, { method: "POST", body: filesForm(order) }).catch(
        () => null,
      );
      const deadline = Date.now() + 30_000;
      while (countActivities(data) < target && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const gone = server.process.exitCode !== null || server.process.signalCode !== null;
      const exited = gone ? null : new Promise((resolve) => server.process.once("exit", resolve));
      server.process.kill("SIGKILL");
      await Promise.all([upload, exited]);
      const db = openDb(join(data, "stridewise.db"));
      expect(storageProblems(db)).toEqual([]);
      seen.push((db.sqlite.prepare("SELECT count(*) AS n FROM activities").get() as { n: number }).n);
      db.close();
    }
    // The kills landed at different points of the batch, not all before or after it.
    expect(new Set(seen).size).toBeGreaterThan(1);
    expect(seen.some((n) => n > 0 && n < expected.length)).toBe(true);

    const server = await startServer(["--data", data]);
    const res = await fetch(`${server.url}/api/activities`, { method: "POST", body: filesForm(files) });
    expect(res.status).toBe(200);
    await server.stop();
    const db = openDb(join(data, "stridewise.db"));
    expect(storageProblems(db)).toEqual([]);
    expect(
      db.sqlite
        .prepare(CONTENT_KEY)
        .all()
        .map((r) => (r as { k: string }).k),
    ).toEqual(expected);
    db.close();
  }, 120_000);
});
