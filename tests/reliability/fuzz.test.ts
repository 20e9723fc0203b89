import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../server/db/open.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";
import { runFuzz } from "./fuzz-harness.ts";
import { MUTATION_KINDS, mutate } from "./mutate.ts";
import { seededRandom } from "../../server/core/random.ts";

// The quick seeded set for `npm test`: every corpus file meets every mutation kind 3 times. `npm run fuzz` runs 5,040.
const files = corpusFiles().map((name) => ({ name, bytes: readCorpusFile(name) }));

describe("fuzzing parseFit() and importAndAnalyse()", () => {
  const db = openDb(":memory:");
  afterAll(() => db.close());

  it("never throws, never hangs, and parses or rejects every mutant with a known code", async () => {
    const report = await runFuzz({ seed: 20261125, cases: 840, files, importEvery: 2, db, maxParseMs: 2000 });
    expect(report.findings).toEqual([]);
    expect(report.cases).toBe(840);
    for (const kind of MUTATION_KINDS) expect(report.byKind[kind]).toBeGreaterThan(90);
    // Both outcomes happen: a fuzzer that only ever hits the checksum would be testing nothing.
    expect(report.parsedOk).toBeGreaterThan(100);
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
