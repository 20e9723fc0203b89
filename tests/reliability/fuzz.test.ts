import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../server/db/open.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";
import { runFuzz } from "./fuzz-harness.ts";
import { MUTATION_KINDS, mutate } from "./mutate.ts";
import { seededRandom } from "../../server/core/random.ts";

// The quick seeded set for `npm test`: the smaller corpus files, every mutation kind. `npm run fuzz` runs 5,000+.
const SMALL_BYTES = 130_000;
const files = corpusFiles()
  .map((name) => ({ name, bytes: readCorpusFile(name) }))
  .filter((f) => f.bytes.length <= SMALL_BYTES);

describe("fuzzing parseFit() and importSources()", () => {
  const db = openDb(":memory:");
  afterAll(() => db.close());

  it("never throws, never hangs, and parses or rejects every mutant with a known code", async () => {
    const report = await runFuzz({ seed: 20261125, cases: 560, files, importEvery: 2, db, maxParseMs: 2000 });
    expect(report.findings).toEqual([]);
    expect(report.cases).toBe(560);
    for (const kind of MUTATION_KINDS) expect(report.byKind[kind]).toBeGreaterThan(60);
    // Both outcomes happen: a fuzzer that only ever hits the checksum would be testing nothing.
    expect(report.parsedOk).toBeGreaterThan(20);
    expect(report.rejected["corrupt-file"]).toBeGreaterThan(10);
    expect(report.imported).toBeGreaterThan(5);
    expect(report.maxParseMs).toBeLessThan(2000);
  }, 60_000);

  it("mutates deterministically from the seed", () => {
    const src = readCorpusFile("fitparse__garmin-fenix-5-run.fit");
    for (const kind of MUTATION_KINDS) {
      const a = mutate(kind, seededRandom(7), src);
      const b = mutate(kind, seededRandom(7), src);
      expect(a.bytes).toEqual(b.bytes);
      expect(a.detail).toBe(b.detail);
    }
  });
});
