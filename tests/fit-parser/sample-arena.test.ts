import { describe, expect, it } from "vitest";
import { SampleArena, parseFit } from "../../fit-parser/index.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";

describe("parseFit() with a SampleArena", () => {
  it("gives the same activities as without one, on every corpus file, one parse after another", () => {
    const arena = new SampleArena();
    let sessions = 0;
    for (const name of corpusFiles()) {
      const bytes = readCorpusFile(name);
      const own = parseFit(bytes);
      const reused = parseFit(bytes, { arena });
      if (!own.ok || !reused.ok) {
        expect(reused, name).toEqual(own);
        continue;
      }
      expect(reused.warnings, name).toEqual(own.warnings);
      expect(reused.activities.length, name).toBe(own.activities.length);
      own.activities.forEach(({ samples, ...rest }, i) => {
        const other = reused.activities[i];
        expect(other && { ...other, samples: null }, name).toEqual({ ...rest, samples: null });
        // Column by column, byte for byte (NaN included): quicker than a deep compare of every element.
        for (const [column, values] of Object.entries(samples)) {
          const got = other?.samples[column as keyof typeof samples];
          if (typeof values === "number") expect(got, `${name} ${column}`).toBe(values);
          else expect(bytesOf(got).equals(bytesOf(values)), `${name} ${column}`).toBe(true);
        }
        sessions++;
      });
    }
    expect(sessions).toBeGreaterThan(30);
  });

  it("hands the same memory to the next parse: the earlier samples are views it overwrites", () => {
    const count = (name: string): number => {
      const r = parseFit(readCorpusFile(name));
      return r.ok ? (r.activities[0]?.samples.count ?? 0) : 0;
    };
    // The longer file first, so the shorter one's columns fit in the memory it leaves.
    const [longer, shorter] = ["fitparse__garmin-fenix-5-run.fit", "elevate__portland.fit"].sort(
      (a, b) => count(b) - count(a),
    ) as [string, string];
    const arena = new SampleArena();
    const first = parseFit(readCorpusFile(longer), { arena });
    if (!first.ok) throw new Error(first.message);
    const samples = first.activities[0]?.samples;
    const before = Array.from(samples?.speedMps.subarray(0, 200) ?? []);
    const second = parseFit(readCorpusFile(shorter), { arena });
    if (!second.ok) throw new Error(second.message);
    expect(samples?.speedMps.buffer).toBe(second.activities[0]?.samples.speedMps.buffer);
    expect(Array.from(samples?.speedMps.subarray(0, 200) ?? [])).not.toEqual(before);
  });
});

function bytesOf(column: unknown): Buffer {
  if (!ArrayBuffer.isView(column)) throw new Error("a column was expected");
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}
